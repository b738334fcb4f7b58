#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// The daemon's shared picture: its jobs with their next fire times and last results, the containers whose
/// labels are invalid, and whether Docker answers. Read by the status server; written by the scheduler and
/// the watcher. Every method is a short critical section; nothing waits while holding the lock.
package final class DaemonState: BackupObserver {
    private struct Entry {
        var job: DaemonJob
        var status: JobStatus
        /// Due (its time came) but not started yet: waiting for a free slot or for Docker to come back.
        var pending = false
        /// Gone from discovery while running: never started again, dropped when the run ends.
        var orphaned = false
        /// Three intervals of the schedule after `since`, as last computed: `/health` and the freshness check ask
        /// often, and working them out from the cron expression costs calendar arithmetic each time.
        var freshness: (since: Date, cron: String, limit: TimeInterval)?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var invalid: [String: String] = [:]
        var dockerReachable = false
        var dockerError: String?
        var running = 0
        var synchronizedOnce = false
    }

    private let state = Mutex(State())
    private let timeZone: TimeZone
    private let defaultSchedule: BackupSchedule
    /// When the daemon started; a target that never succeeded is judged fresh from here.
    package let startedAt: Date

    /// Creates an empty state.
    package init(defaultSchedule: BackupSchedule, timeZone: TimeZone, startedAt: Date) {
        self.defaultSchedule = defaultSchedule
        self.timeZone = timeZone
        self.startedAt = startedAt
    }

    /// Replaces the set of targets after a discovery. Jobs that still exist keep their history and next fire
    /// time (unless their expression changed); new ones are scheduled from `now`, and run at once when
    /// `runNow` (`BT_RUN_ON_START` on the first synchronisation). Returns the keys added and removed.
    @discardableResult
    package func synchronize(
        with results: [Result<BackupTarget, TargetError>], now: Date, runOnFirstSynchronization: Bool = false
    ) -> (added: [String], removed: [String]) {
        state.withLock { state in
            let runNow = runOnFirstSynchronization && !state.synchronizedOnce
            state.synchronizedOnce = true
            var seen = Set<String>()
            var added: [String] = []
            state.invalid = [:]
            for result in results {
                let target: BackupTarget
                switch result {
                case .success(let resolved): target = resolved
                case .failure(let error):
                    state.invalid[error.containerName] = error.message
                    continue
                }
                for schedule in target.schedules.isEmpty ? [defaultSchedule] : target.schedules {
                    let job = DaemonJob(target: target, schedule: schedule)
                    seen.insert(job.key)
                    if var entry = state.entries[job.key] {
                        if entry.job.schedule.text != schedule.text {
                            entry.status.nextRun = schedule.expression.nextDate(after: now, in: timeZone)
                            entry.status.cron = schedule.text
                        }
                        entry.job = job
                        entry.orphaned = false
                        entry.status.engine = target.engine.identifier
                        entry.status.target = target.backupName
                        state.entries[job.key] = entry
                    } else {
                        var status = JobStatus(
                            target: target.backupName, container: target.containerName, engine: target.engine.identifier, schedule: schedule.name,
                            cron: schedule.text, nextRun: schedule.expression.nextDate(after: now, in: timeZone))
                        status.host = target.runtime.rawValue
                        state.entries[job.key] = Entry(job: job, status: status, pending: runNow)
                        added.append(job.key)
                    }
                }
            }
            // A running job stays until it ends, so its result is not lost; it is never started again and goes when
            // it finishes.
            var removed: [String] = []
            for key in state.entries.keys where !seen.contains(key) {
                if state.entries[key]?.status.running == true {
                    state.entries[key]?.orphaned = true
                    state.entries[key]?.pending = false
                } else {
                    state.entries[key] = nil
                    removed.append(key)
                }
            }
            return (added.sorted(), removed.sorted())
        }
    }

    /// Advances every job whose time has come (counting a run still going as a skipped overlap), then takes
    /// pending jobs to start now, at most `slots` minus those running, and none while Docker is unreachable
    /// (they stay pending: however many times were missed, a job runs once when Docker is back).
    package func takeDueJobs(now: Date, slots: Int) -> (start: [DaemonJob], skipped: [DaemonJob]) {
        state.withLock { state in
            var skipped: [DaemonJob] = []
            for key in state.entries.keys.sorted() {
                guard var entry = state.entries[key], !entry.orphaned, let next = entry.status.nextRun, next <= now else { continue }
                entry.status.nextRun = entry.job.schedule.expression.nextDate(after: now, in: timeZone)
                if entry.status.running {
                    entry.status.skippedOverlaps += 1
                    skipped.append(entry.job)
                } else {
                    entry.pending = true
                }
                state.entries[key] = entry
            }
            guard state.dockerReachable else { return ([], skipped) }
            var start: [DaemonJob] = []
            let ready = state.entries.values.filter { $0.pending && !$0.status.running }
                .sorted { ($0.status.lastRunAt ?? .distantPast, $0.job.key) < ($1.status.lastRunAt ?? .distantPast, $1.job.key) }
            for entry in ready where state.running < slots {
                state.entries[entry.job.key]?.pending = false
                state.entries[entry.job.key]?.status.running = true
                state.entries[entry.job.key]?.status.lastRunAt = now
                state.running += 1
                start.append(entry.job)
            }
            return (start, skipped)
        }
    }

    /// Takes note of a backup's result (``BackupEvent/succeeded`` and ``BackupEvent/failed``) and of restore tests.
    package func observe(_ event: BackupEvent, at date: Date) async {
        switch event {
        case .succeeded(let job, let record, let location, _):
            update(job.key) { status in
                status.lastResult = "ok"
                status.lastSuccessAt = Date(timeIntervalSince1970: record.startedAt)
                status.lastFile = location
                status.lastSize = record.size
                status.lastDurationSeconds = record.durationSeconds
                status.lastError = nil
                status.consecutiveFailures = 0
            }
        case .failed(let job, let failure, _):
            update(job.key) { status in
                status.lastResult = failure.code == .cancelled ? "cancelled" : "failed"
                status.lastError = failure.message
                status.lastDurationSeconds = status.lastRunAt.map { date.timeIntervalSince($0) }
                status.consecutiveFailures += 1
            }
        case .copied(let job, let result):
            update(job.key) { status in
                status.destinations[result.destination] = result.error.map { "failed: \($0.message)" } ?? "ok"
            }
        case .restoreTested(let target, _, let outcome):
            recordRestoreTest(target: target, outcome: outcome, now: date)
        case .started, .retried, .skipped, .pruned, .overdue, .docker, .summary:
            break
        }
    }

    private func update(_ key: String, _ change: (inout JobStatus) -> Void) {
        state.withLock { state in
            guard state.entries[key] != nil else { return }
            change(&state.entries[key]!.status)
        }
    }

    /// Records that a job's run ended (its result came as an event): frees its slot; a job gone from discovery
    /// while it ran is dropped now.
    package func finish(_ job: DaemonJob) {
        state.withLock { state in
            state.running -= 1
            guard state.entries[job.key] != nil else { return }
            if state.entries[job.key]!.orphaned {
                state.entries[job.key] = nil
            } else {
                state.entries[job.key]!.status.running = false
            }
        }
    }

    /// Records a restore test of the newest backup named `target` on every stream of that backup name.
    package func recordRestoreTest(target: String, outcome: Result<RestoreTestReport, RestoreTestFailure>, now: Date) {
        state.withLock { state in
            for key in state.entries.keys where state.entries[key]?.status.target == target {
                state.entries[key]?.status.lastRestoreTestAt = now
                switch outcome {
                case .success(let report):
                    state.entries[key]?.status.lastRestoreTest = "ok"
                    state.entries[key]?.status.lastRestoreTestDetail = report.summary
                case .failure(let failure):
                    state.entries[key]?.status.lastRestoreTest = "failed"
                    state.entries[key]?.status.lastRestoreTestDetail = failure.message
                }
            }
        }
    }

    /// Records whether Docker answered, and why not.
    package func setDockerReachable(_ reachable: Bool, error: String? = nil) {
        state.withLock { state in
            state.dockerReachable = reachable
            state.dockerError = reachable ? nil : error
        }
    }

    /// Whether Docker answered last time, and the error when it did not.
    package var docker: (reachable: Bool, error: String?) {
        state.withLock { ($0.dockerReachable, $0.dockerError) }
    }

    /// Whether discovery has listed the containers at least once.
    package var hasSynchronized: Bool { state.withLock { $0.synchronizedOnce } }

    /// How many backups run now.
    package var runningCount: Int { state.withLock { $0.running } }

    /// The earliest next fire time, if any job is scheduled.
    package var nextWake: Date? {
        state.withLock { state in state.entries.values.compactMap(\.status.nextRun).min() }
    }

    /// Every job's status, sorted by key, and the containers whose labels are invalid.
    package func snapshot() -> (jobs: [JobStatus], invalid: [String: String]) {
        state.withLock { state in
            (state.entries.keys.sorted().compactMap { state.entries[$0]?.status }, state.invalid)
        }
    }

    /// The jobs whose last success (or, before any, the daemon's start) is older than `maximumAge`, or, when
    /// nil, than three intervals of their schedule.
    package func staleJobs(now: Date, maximumAge: Duration?) -> [JobStatus] {
        staleEntries(now: now, maximumAge: maximumAge).map(\.status)
    }

    /// The streams of ``staleJobs(now:maximumAge:)``, for overdue notifications.
    package func staleStreams(now: Date, maximumAge: Duration?) -> [(job: BackupJobInfo, lastSuccessAt: Date?)] {
        staleEntries(now: now, maximumAge: maximumAge).map { ($0.job.info, $0.status.lastSuccessAt) }
    }

    private func staleEntries(now: Date, maximumAge: Duration?) -> [Entry] {
        state.withLock { state in
            state.entries.keys.sorted().compactMap { key -> Entry? in
                guard let entry = state.entries[key] else { return nil }
                let since = entry.status.lastSuccessAt ?? startedAt
                let limit: TimeInterval
                if let maximumAge {
                    limit = TimeInterval(maximumAge.components.seconds)
                } else if let known = entry.freshness, known.since == since, known.cron == entry.job.schedule.text {
                    limit = known.limit
                } else {
                    limit = 3 * entry.job.schedule.expression.interval(near: since, in: timeZone)
                    state.entries[key]?.freshness = (since, entry.job.schedule.text, limit)
                }
                return now.timeIntervalSince(since) > limit ? entry : nil
            }
        }
    }
}
