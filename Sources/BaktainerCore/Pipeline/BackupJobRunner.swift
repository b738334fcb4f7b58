#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ServiceLifecycle

/// Runs one backup of a stream the way both `baktainer backup` and `baktainer run` do, and tells observers
/// what happened: plan ─► attempts (a transient failure is retried with back-off, 2 s, 4 s, … 60 s, up to
/// `attempts` times) ─► retention of the stream after a success. Every ``BackupEvent`` of a backup comes from
/// here.
///
/// A pause between attempts ends early on graceful shutdown (SIGTERM) or cancellation, and no new attempt is
/// started then: the last failure is reported as it was.
package struct BackupJobRunner: Sendable {
    private let runner: BackupRunner
    private let storage: any BackupStorage
    private let settings: PipelineSettings
    private let observer: any BackupObserver
    private let attempts: Int
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let copier: DestinationCopier?

    /// Creates a job runner over `runner` and the storage it writes to; `attempts` (`BT_RETRY_ATTEMPTS`) is the
    /// most attempts a backup gets. `clock` paces the retries and `now` stamps the backups (tests inject both).
    /// `copier` copies each new backup (and what its destinations lack) off the host.
    package init(
        runner: BackupRunner, storage: any BackupStorage, settings: PipelineSettings, observer: any BackupObserver, attempts: Int = 1,
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }, copier: DestinationCopier? = nil
    ) {
        self.copier = copier
        self.runner = runner
        self.storage = storage
        self.settings = settings
        self.observer = observer
        self.attempts = max(1, attempts)
        self.clock = clock
        self.now = now
    }

    /// The pause after failed attempt `attempt` (1-based): 2 s doubling to at most 60 s.
    package static func delay(afterAttempt attempt: Int) -> Duration {
        .seconds(min(60, 1 << min(attempt, 6)))
    }

    /// Backs up `target`'s stream `schedule` now; returns the record of the kept backup or the last failure.
    package func run(
        _ target: BackupTarget, schedule: String = BackupSchedule.defaultName, progress: (@Sendable (BackupProgress) -> Void)? = nil
    ) async -> Result<BackupRecord, BackupFailure> {
        let job = BackupJobInfo(target: target, schedule: schedule)
        var attempt = 0
        while true {
            attempt += 1
            let date = now()
            await observer.observe(.started(job, attempt: attempt), at: date)
            let outcome: Result<BackupRecord, BackupFailure>
            do {
                outcome = await runner.run(try DumpPlan.make(target, schedule: schedule, settings: settings, date: date), progress: progress)
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let record):
                await observer.observe(.succeeded(job, record, location: storage.location(of: BackupKey(record.file)), attempts: attempt), at: now())
                let copied = await copy(target, job: job)
                await prune(target, job: job, in: storage, settings: settings.retention)
                if let copier {
                    for destination in copier.destinations where copied.contains(destination.name) {
                        await prune(target, job: job, in: destination, settings: copier.retentionSettings(of: destination))
                    }
                }
                return outcome
            case .failure(let failure):
                let delay = Self.delay(afterAttempt: attempt)
                guard failure.isTransient, attempt < attempts, await pause(delay, after: failure, job: job, attempt: attempt) else {
                    await observer.observe(.failed(job, failure, attempts: attempt), at: now())
                    return outcome
                }
            }
        }
    }

    /// Announces the retry and waits `delay`; false when shutdown or cancellation came first (no retry then).
    private func pause(_ delay: Duration, after failure: BackupFailure, job: BackupJobInfo, attempt: Int) async -> Bool {
        guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return false }
        await observer.observe(.retried(job, failure, attempt: attempt, delay: delay), at: now())
        let clock = self.clock
        do {
            try await cancelWhenGracefulShutdown { try await clock.sleep(for: delay) }
        } catch {
            return false
        }
        return !Task.isCancelled && !Task.isShuttingDownGracefully
    }

    /// Copies the stream's new backup, and what the destinations lack of it, off the host; returns the
    /// destinations where every copy succeeded (retention runs only there). A failed copy is reported and never
    /// turns the backup into a failure: the local backup is kept and the next run catches up.
    private func copy(_ target: BackupTarget, job: BackupJobInfo) async -> Set<String> {
        guard let copier, !copier.destinations.isEmpty else { return [] }
        let results = await copier.copy(stream: Self.stream(of: target, job: job), labels: target.labels, now: now())
        for result in results { await observer.observe(.copied(job, result), at: now()) }
        let failed = Set(results.filter { !$0.succeeded }.map(\.destination))
        return Set(copier.destinations.map(\.name)).subtracting(failed)
    }

    /// Applies the retention policy of the stream in `storage` after a success. A failure to prune is reported and
    /// never turns the backup into a failure.
    private func prune(_ target: BackupTarget, job: BackupJobInfo, in storage: any BackupStorage, settings retention: RetentionSettings) async {
        let run = RetentionRun(storage: storage, settings: retention, timeZone: settings.timeZone)
        let stream = Self.stream(of: target, job: job)
        var result = PruneResult(dryRun: false)
        do {
            let (plan, _) = try await run.plan(labelsByBackupName: [target.backupName: target.labels], only: stream, now: now())
            guard !plan.delete.isEmpty else { return }
            result = await run.apply(plan)
        } catch {
            result.failures.append(.init(path: storage.name, error: error as? StorageError ?? StorageError(.ioError, "retention skipped: \(error)")))
        }
        await observer.observe(.pruned(job, result), at: now())
    }

    /// The stream a run of `job` backs up.
    private static func stream(of target: BackupTarget, job: BackupJobInfo) -> BackupStream {
        BackupStream(
            backupName: target.backupName, schedule: job.schedule == BackupSchedule.defaultName ? nil : job.schedule, container: target.containerName)
    }
}
