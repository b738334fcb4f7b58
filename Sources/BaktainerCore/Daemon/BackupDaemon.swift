#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import ServiceLifecycle

/// `baktainer run`: keeps every labelled container backed up on its schedules until shut down.
///
/// Three loops share a ``DaemonState``:
/// - the watcher re-reads the labelled containers at start, on every container event (start, die, destroy,
///   rename) and every `resyncInterval`; when the runtime stops answering it marks Docker unreachable, retries
///   with back-off (1 s doubling to 30 s) and resumes by itself;
/// - the scheduler sleeps until the next fire time or until woken (a job added, a run ended), starts due jobs
///   up to `maximumConcurrent` and skips (and reports) a job whose previous run is still going;
/// - each run goes through ``BackupJobRunner`` (retries of transient failures, retention, events).
///
/// Once the first discovery is done, and again after each round of backups, the scheduler hands memory the idle
/// daemon does not need back to its ``IdleTrimming`` (the pages of the binary start-up and the backups touched),
/// unless the next backup is due within ``trimHorizon`` (10 minutes).
///
/// On graceful shutdown (SIGTERM/SIGINT through ServiceLifecycle) every sleep ends, it starts nothing new (no
/// retry either), lets running backups finish within `shutdownTimeout`, then cancels them — which removes their
/// partial files and stops their dump processes inside the containers — and returns. Time comes from `clock`
/// and `now`, so tests drive it without sleeping.
package struct BackupDaemon: Service {
    private let runtime: any ContainerRuntime
    private let discovery: TargetDiscovery
    private let jobs: BackupJobRunner
    private let settings: DaemonSettings
    private let maximumConcurrent: Int
    /// The shared state the status server reads.
    package let state: DaemonState
    /// The metrics the status server renders.
    package let metrics: DaemonMetrics
    private let observer: any BackupObserver
    private let logger: Logger
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let restoreTest: RestoreTest?
    private let trimmer: (any IdleTrimming)?
    private let wakeup = SchedulerWakeup()

    /// Creates a daemon over the containers of `runtime` carrying every one of `labels`. `makeJobs` builds the job
    /// runner from the observer that feeds the daemon's state, `metrics` and log (plus `observers`). `now` is the
    /// wall clock; `clock` paces every wait. `trimmer` gives memory back whenever the daemon falls idle
    /// with no backup due within the next ``trimHorizon``.
    package init(
        runtime: any ContainerRuntime, labels: [String], settings: DaemonSettings, maximumConcurrent: Int, logger: Logger,
        observers: [any BackupObserver] = [], metrics: DaemonMetrics = DaemonMetrics(), restoreTest: RestoreTest? = nil,
        trimmer: (any IdleTrimming)? = nil, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, makeJobs: (any BackupObserver) -> BackupJobRunner
    ) {
        self.runtime = runtime
        self.discovery = TargetDiscovery(runtime: runtime, labels: labels)
        self.settings = settings
        self.maximumConcurrent = max(1, maximumConcurrent)
        self.logger = logger
        self.clock = clock
        self.now = now
        self.restoreTest = restoreTest
        self.trimmer = trimmer
        let state = DaemonState(defaultSchedule: settings.schedule, timeZone: settings.timeZone, startedAt: now())
        self.state = state
        self.metrics = metrics
        // Metrics first: whoever sees a result in the state finds it counted in the metrics too.
        let observer = BackupObservers([metrics, state, BackupEventLog(logger: logger)] + observers)
        self.observer = observer
        self.jobs = makeJobs(observer)
    }

    /// Thrown by ``run()`` when running backups had to be cancelled because the shutdown timeout passed.
    package struct ShutdownTimedOut: Error, CustomStringConvertible {
        package var description: String {
            "running backups did not finish within BT_SHUTDOWN_TIMEOUT and were cancelled; their partial files were removed"
        }
    }

    /// Runs until graceful shutdown or cancellation; throws ``ShutdownTimedOut`` when the drain was cut short.
    package func run() async throws {
        logger.info(
            "daemon started",
            metadata: [
                "schedule": "\(settings.schedule.text)", "timezone": "\(settings.timeZone.identifier == "GMT" ? "UTC" : settings.timeZone.identifier)",
                "threads": "\(maximumConcurrent)",
            ])
        let drained = await withTaskGroup(of: Void.self) { group in
            group.addTask { await watch() }
            group.addTask { await watchFreshness() }
            if let expression = settings.summarySchedule {
                group.addTask { await summarize(on: expression) }
            }
            if let restoreTest, let expression = settings.verifySchedule {
                group.addTask { await verify(with: restoreTest, on: expression) }
            }
            let drained = await schedule()
            group.cancelAll()
            return drained
        }
        logger.info("daemon stopped")
        if !drained { throw ShutdownTimedOut() }
    }

    /// Sleeps `duration`; false when shutdown or cancellation ended the sleep.
    private func sleep(_ duration: Duration) async -> Bool {
        let clock = self.clock
        do {
            try await cancelWhenGracefulShutdown { try await clock.sleep(for: duration) }
            return !Task.isCancelled
        } catch {
            return false
        }
    }

    /// Sleeps until `date` (at most a minute, so a wall-clock jump is noticed), or until woken.
    private func sleep(until date: Date?) async {
        let seconds = min(max(date.map { $0.timeIntervalSince(now()) } ?? 60, 0), 60)
        let (clock, wakeup) = (self.clock, self.wakeup)
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await clock.sleep(for: .milliseconds(Int((seconds * 1000).rounded(.up)))) }
                group.addTask { await wakeup.wait() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    // MARK: Watching

    private func watch() async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await synchronize(reason: "start-up or reconnect")
                pause = .seconds(1)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await runtime.withEvents(labels: discovery.labels) { events in
                            for try await event in events {
                                try await synchronize(reason: "container \(event.containerName ?? event.containerID) \(event.action)")
                            }
                        }
                        throw RuntimeError(.unreachable, "the Docker event stream ended")
                    }
                    group.addTask {
                        while await sleep(settings.resyncInterval) {
                            try await synchronize(reason: "periodic")
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                let message = (error as? RuntimeError)?.message ?? "\(error)"
                if state.docker.reachable || state.docker.error == nil {
                    logger.error("Docker is unreachable; backups wait until it answers: \(message)")
                }
                state.setDockerReachable(false, error: message)
                metrics.recordDocker(reachable: false)
                guard await sleep(pause) else { return }
                pause = min(pause * 2, .seconds(30))
            }
        }
    }

    /// The container of a job key `<runtime>/<container>/<schedule>`.
    private static func container(ofJobKey key: String) -> String {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 ? String(parts[1]) : key
    }

    private func synchronize(reason: String) async throws {
        let results = try await discovery.targets()
        let wasReachable = state.docker.reachable
        state.setDockerReachable(true)
        metrics.recordDocker(reachable: true)
        if !wasReachable && state.docker.error != nil { logger.notice("Docker answers again; missed backups run now") }
        let (added, removed) = state.synchronize(with: results, now: now(), runOnFirstSynchronization: settings.runOnStart)
        let snapshot = state.snapshot()
        metrics.recordTargets(scheduled: snapshot.jobs.count, invalid: snapshot.invalid.count)
        for key in added { logger.info("scheduled \(key)", metadata: ["reason": "\(reason)", "container": "\(Self.container(ofJobKey: key))"]) }
        for key in removed { logger.info("dropped \(key)", metadata: ["reason": "\(reason)", "container": "\(Self.container(ofJobKey: key))"]) }
        if !added.isEmpty || !removed.isEmpty {
            for (container, message) in snapshot.invalid.sorted(by: { $0.key < $1.key }) {
                logger.warning("not backed up: container '\(container)': \(message)", metadata: ["container": "\(container)"])
            }
            for duplicate in DuplicateBackupName.find(in: results.compactMap { try? $0.get() }) {
                logger.warning("\(duplicate)")
            }
        }
        wakeup.signal()
    }

    // MARK: Freshness

    /// Every `freshnessCheckInterval`, reports each stream past its freshness limit (``BackupEvent/overdue(_:lastSuccessAt:)``)
    /// and Docker while it is unreachable, and once when it answers again (``BackupEvent/docker(reachable:since:error:)``).
    private func watchFreshness() async {
        var downSince: Date?
        while await sleep(settings.freshnessCheckInterval) {
            let date = now()
            for (job, lastSuccessAt) in state.staleStreams(now: date, maximumAge: settings.maximumBackupAge) {
                await observer.observe(.overdue(job, lastSuccessAt: lastSuccessAt), at: date)
            }
            let docker = state.docker
            if !docker.reachable {
                let since = downSince ?? date
                downSince = since
                await observer.observe(.docker(reachable: false, since: since, error: docker.error), at: date)
            } else if let since = downSince {
                downSince = nil
                await observer.observe(.docker(reachable: true, since: since, error: nil), at: date)
            }
        }
    }

    /// Runs `body` whenever `expression` fires, until shutdown.
    private func every(_ expression: CronExpression, _ body: () async -> Void) async {
        var due = expression.nextDate(after: now(), in: settings.timeZone)
        while let next = due, !Task.isCancelled, !Task.isShuttingDownGracefully {
            let wait = next.timeIntervalSince(now())
            if wait > 0 {
                guard await sleep(.milliseconds(Int((min(wait, 60) * 1000).rounded(.up)))) else { return }
                continue
            }
            await body()
            due = expression.nextDate(after: now(), in: settings.timeZone)
        }
    }

    /// Reports every stream's status whenever `expression` fires (`BT_NOTIFY_SUMMARY`).
    private func summarize(on expression: CronExpression) async {
        await every(expression) { await observer.observe(.summary(state.snapshot().jobs), at: now()) }
    }

    // MARK: Restore tests

    /// Restore-tests the newest backup of every target whose engine supports it, one at a time, whenever
    /// `expression` fires (`BT_VERIFY_CRON`); stops starting tests on shutdown.
    private func verify(with tester: RestoreTest, on expression: CronExpression) async {
        await every(expression) {
            let targets = Dictionary(
                state.snapshot().jobs.map { ($0.target, $0.engine) }, uniquingKeysWith: { first, _ in first })
            let registry = EngineRegistry()
            for (target, engine) in targets.sorted(by: { $0.key < $1.key }) {
                guard registry.engine(named: engine)?.supportsRestoreTest == true else { continue }
                guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
                let outcome = await tester.run(name: target)
                await observer.observe(.restoreTested(target: target, engine: engine, outcome), at: now())
            }
        }
    }

    // MARK: Scheduling

    /// Schedules until shutdown; returns whether running backups ended by themselves.
    private func schedule() async -> Bool {
        do {
            try await withThrowingDiscardingTaskGroup { runs in
                var trimmed = false  // since start-up or the last round of backups
                while !Task.isShuttingDownGracefully && !Task.isCancelled {
                    let (start, skipped) = state.takeDueJobs(now: now(), slots: maximumConcurrent)
                    for job in skipped {
                        await observer.observe(.skipped(job.info, reason: "the previous run is still going"), at: now())
                    }
                    for job in start {
                        runs.addTask { await perform(job) }
                    }
                    if !start.isEmpty { trimmed = false }
                    if !trimmed, let trimmer, state.hasSynchronized, state.runningCount == 0, !backupDueSoon {
                        trimmer.trim()
                        trimmed = true
                    }
                    await sleep(until: state.nextWake)
                }
                if state.runningCount > 0 {
                    logger.notice("shutting down: waiting up to \(settings.shutdownTimeout) for \(state.runningCount.counted("running backup"))")
                    runs.addTask { try await enforceShutdownTimeout() }
                }
            }
        } catch {
            logger.warning("shutdown timeout reached: running backups were cancelled")
            return false
        }
        return true
    }

    /// How far off the next backup must be for the scheduler to trim. The next backup faults the pages back in
    /// (from the page cache, or from disk when memory is short), so trimming before one due in a few minutes only
    /// churns: a schedule every minute would trim and fault them back every minute.
    static let trimHorizon: TimeInterval = 600

    /// Whether a backup is due within ``trimHorizon``.
    private var backupDueSoon: Bool {
        state.nextWake.map { $0.timeIntervalSince(now()) < Self.trimHorizon } ?? false
    }

    /// Returns once nothing runs; throws (cancelling the runs) when the timeout passes first.
    private func enforceShutdownTimeout() async throws {
        let deadline = now().addingTimeInterval(settings.shutdownTimeout.timeInterval)
        while state.runningCount > 0 {
            guard now() < deadline else { throw CancellationError() }
            await withTaskGroup(of: Void.self) { group in
                let (clock, wakeup) = (self.clock, self.wakeup)
                group.addTask { try? await clock.sleep(for: .seconds(1)) }
                group.addTask { await wakeup.wait() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    private func perform(_ job: DaemonJob) async {
        _ = await jobs.run(job.target, schedule: job.schedule.name)
        state.finish(job)
        wakeup.signal()
    }
}
