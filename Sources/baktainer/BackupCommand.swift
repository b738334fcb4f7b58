import ArgumentParser
import BaktainerCore
import DockerEngineAPI
import Synchronization
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer backup`: dumps the labelled containers now and prints a summary.
struct BackupCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the labelled containers now (all of them, or those named).",
        discussion: "Exits 0 only if every target succeeded. Files go to $BT_BACKUP_DIR/YYYY-MM-DD/<name>-<unix seconds>.<ext>.")

    @Flag(help: "Back up every labelled container (the default when no NAME is given).")
    var all = false

    @Flag(help: "Show what would run (secrets masked) and where it would write; run nothing.")
    var dryRun = false

    @Argument(help: "Container names or baktainer.name values to back up.")
    var names: [String] = []

    @OptionGroup var output: OutputOptions

    func run(configuration: BaktainerConfiguration) async throws {
        let (settings, pipeline) = (configuration.backup, configuration.pipeline)
        let logger = output.logger(configuration)
        let runtime = try await CommandEnvironment.connect(configuration)
        let resolved = try await TargetDiscovery(runtime: runtime, labels: settings.discoveryLabels).targets(named: all ? [] : names)
        // A name that matches nothing fails the run, even when the other names were backed up.
        var missing: [String] = []
        if !names.isEmpty && !all {
            // Containers with invalid labels are found too: their row says what is wrong.
            let found = Set(
                resolved.flatMap { result in
                    switch result {
                    case .success(let target): [target.containerName, target.backupName]
                    case .failure(let error): [error.containerName, error.backupName].compactMap { $0 }
                    }
                })
            for name in names where !found.contains(name) {
                missing.append(name)
                print("no running container labelled baktainer.backup=true is named '\(name)'")
            }
        }
        let storage = CommandEnvironment.storage(configuration)
        var rows: [[String]] = []
        var targets: [BackupTarget] = []
        for result in resolved {
            switch result {
            case .success(let target): targets.append(target)
            case .failure(let error): rows.append([error.containerName, "invalid", "-", "-", error.message])
            }
        }
        if dryRun {
            var failed = !rows.isEmpty || !missing.isEmpty || (targets.isEmpty && !names.isEmpty)
            for row in rows { print("\(row[0]): labels invalid, would not be backed up: \(row[4])") }
            for target in targets {
                do {
                    let plan = try DumpPlan.make(target, settings: pipeline, date: Date())
                    for line in plan.steps(location: storage.location(of: plan.key)) { print(line) }
                } catch {
                    print("\(target.containerName): \(error.message)")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
            return
        }
        CommandEnvironment.prepare(storage, logger: logger)
        let progress = ProgressLine(enabled: !output.quiet)
        let copies = CopyResults()
        let run = try await ConfiguredNotifier.with(configuration, logger: logger) { notifier in
            try await ConfiguredDestinations.with(configuration) { destinations in
                let jobs = BackupJobRunner(
                    runner: BackupRunner(runtime: runtime, storage: storage, settings: pipeline), storage: storage, settings: pipeline,
                    observer: BackupObservers([BackupEventLog(logger: logger, logsFinalFailures: false), copies, notifier]),
                    copier: destinations.copier(from: storage, timeZone: pipeline.timeZone))
                let batch = BackupBatch(jobs: jobs, maximumConcurrent: settings.maximumConcurrentBackups)
                // Messages go out while the backups run; what is queued at the end gets the notifier's drain time.
                return await withTaskGroup(of: Void.self) { group in
                    group.addTask { await notifier.run() }
                    let run = await SignalInterruption.run { [targets] in await batch.run(targets, progress: progress.report) }
                    notifier.close()
                    await group.waitForAll()
                    return run
                }
            }
        }
        let outcomes = run.value
        for (target, outcome) in zip(targets, outcomes) {
            switch outcome {
            case .success(let record):
                rows.append([
                    target.containerName, "ok", Self.size(record.size), String(format: "%.1f s", record.durationSeconds),
                    storage.location(of: BackupKey(record.file)),
                ])
            case .failure(let failure):
                rows.append([target.containerName, "failed", "-", "-", failure.message])
            }
            // A copy that failed is a failed destination of this backup: the local backup is kept, the next run catches up.
            for copy in copies.failures(of: target.containerName) {
                rows.append([target.containerName, "copy to \(copy.destination) failed", "-", "-", copy.error?.message ?? ""])
            }
        }
        let failed = rows.contains(where: { $0[1] != "ok" }) || !missing.isEmpty || (rows.isEmpty && !names.isEmpty)
        if !output.quiet || failed {
            print(TextTable(header: ["TARGET", "RESULT", "SIZE", "DURATION", "FILE / ERROR"], rows: rows).rendered())
        }
        if let signal = run.signal, let status = run.exitStatus {
            LineLogHandler.standardError(
                "interrupted by \(signal): the running dumps were stopped in their containers and their partial files removed; finished backups are kept\n")
            throw ExitCode(status)
        }
        if failed { throw ExitCode(1) }
    }

    private static func size(_ bytes: Int) -> String { bytes.byteSize }
}

/// The failed copies to destinations, by container, for `backup`'s table and exit code.
final class CopyResults: BackupObserver {
    private let failed = Mutex<[String: [DestinationCopyResult]]>([:])

    func observe(_ event: BackupEvent, at date: Date) async {
        guard case .copied(let job, let result) = event, !result.succeeded else { return }
        failed.withLock { $0[job.container, default: []].append(result) }
    }

    /// The failed copies of `container`'s backups.
    func failures(of container: String) -> [DestinationCopyResult] {
        failed.withLock { $0[container] ?? [] }
    }
}
