import ArgumentParser
import BaktainerCore
import DockerEngineAPI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer prune`: applies the retention policies to the backup directory and says why each file stays.
struct PruneCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete the backups no retention rule keeps (BT_RETENTION_*, baktainer.retention.* labels).",
        discussion: """
            Per-container policies come from the labels of the containers (running or stopped) whose backup name a \
            stream carries; streams of removed containers follow the global policy. Only Baktainer's own files \
            (named as it names them, with their JSON record) are ever deleted, with their sidecars; the newest \
            backup of every stream is always kept.
            """)

    @Flag(help: "Show what would be kept and deleted, and why; delete nothing.")
    var dryRun = false

    @Option(help: "The destination to prune (local, s3), by its own retention rules (BT_S3_RETENTION_*, …) over what it lists.")
    var destination = "local"

    @OptionGroup var output: OutputOptions

    func run(configuration: BaktainerConfiguration) async throws {
        let (settings, pipeline) = (configuration.backup, configuration.pipeline)
        // Labels decide per-container policies: without Docker, pruning by the global policy alone could delete
        // what a label keeps, so an unreachable Docker stops the prune.
        let runtime = try await CommandEnvironment.connect(configuration)
        var labelsByBackupName: [String: [String: String]] = [:]
        for container in try await runtime.containers(labels: settings.discoveryLabels, includeStopped: true) {
            labelsByBackupName[container.labels[BackupLabel.name] ?? container.name] = container.labels
        }
        let (plan, result) = try await ConfiguredDestinations.with(configuration) { destinations in
            let storage = try destinations.storage(named: destination, local: CommandEnvironment.storage(configuration))
            // A destination's own rules; the backup directory's are the pipeline's.
            let run = RetentionRun(storage: storage, settings: destinations.retention[destination] ?? pipeline.retention, timeZone: pipeline.timeZone)
            let plan: RetentionPlan
            do {
                let (planned, warnings) = try await run.plan(labelsByBackupName: labelsByBackupName, now: Date())
                plan = planned
                for warning in warnings { LineLogHandler.standardError("warning: \(warning)\n") }
            } catch {
                throw CommandFailure("nothing was pruned: \(error)")
            }
            if !output.quiet || dryRun { print(PrunePlanRows(plan: plan).rendered()) }
            return (plan, await run.apply(plan, dryRun: dryRun))
        }
        let verb = dryRun ? "would delete" : "deleted"
        let bytes = dryRun ? plan.delete.reduce(0) { $0 + $1.record.size } : result.deletedBytes
        if !output.quiet { print("\(verb) \(plan.delete.count.counted("backup")), \(bytes.counted("byte")); kept \(plan.keep.count)") }
        for failure in result.failures { LineLogHandler.standardError("cannot delete \(failure)\n") }
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
