#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DockerEngineAPI
import Logging
import ServiceLifecycle

/// `baktainer run`: keeps every labelled container backed up on its schedules until shut down.
///
/// Three loops share a ``DaemonState``:
/// - the watcher re-reads the labelled containers at start, on every container event (start, die, destroy,
///   rename) and every `resyncInterval`; when Docker stops answering it marks Docker unreachable, retries with
///   back-off (1 s doubling to 30 s) and resumes by itself;
/// - the scheduler wakes at the next fire time (at least once a second), starts due jobs up to
///   `maximumConcurrent` and skips (and counts) a job whose previous run is still going;
/// - each run retries transient failures (Docker hiccups, a restarting container) up to `retryAttempts`
///   times with back-off (2 s, 4 s, … 60 s); permanent ones (bad credentials, missing tool, full disk) fail at once.
///
/// On graceful shutdown (SIGTERM/SIGINT through ServiceLifecycle) it starts nothing new, lets running
/// backups finish within `shutdownTimeout`, then cancels them — which removes their partial files and
/// stops their dump processes inside the containers — and returns.
package struct BackupDaemon: Service {
    private let discovery: TargetDiscovery
    private let client: DockerClient
    private let runner: BackupRunner
    private let settings: DaemonSettings
    private let maximumConcurrent: Int
    /// The shared state the status server reads.
    package let state: DaemonState
    /// The metrics the status server renders.
    package let metrics: DaemonMetrics
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let restoreTest: RestoreTest?

    /// Creates a daemon over the containers carrying every one of `labels`. `now` is the wall clock.
    package init(
        client: DockerClient, labels: [String], runner: BackupRunner, settings: DaemonSettings, maximumConcurrent: Int, logger: Logger,
        restoreTest: RestoreTest? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.restoreTest = restoreTest
        self.client = client
        self.discovery = TargetDiscovery(client: client, labels: labels)
        self.runner = runner
        self.settings = settings
        self.maximumConcurrent = max(1, maximumConcurrent)
        self.logger = logger
        self.now = now
        self.state = DaemonState(defaultSchedule: settings.schedule, timeZone: settings.timeZone, startedAt: now())
        self.metrics = DaemonMetrics()
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
            metadata: ["schedule": "\(settings.schedule.text)", "timezone": "\(settings.timeZone.identifier)", "threads": "\(maximumConcurrent)"])
        let drained = await withTaskGroup(of: Void.self) { group in
            group.addTask { await watch() }
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

    // MARK: Watching

    private func watch() async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                try await synchronize(reason: "start-up or reconnect")
                pause = .seconds(1)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await client.withContainerEvents(actions: ["start", "die", "destroy", "rename"], labels: discovery.labels) { events in
                            for try await event in events {
                                try await synchronize(reason: "container \(event.attributes["name"] ?? event.actorID) \(event.action)")
                            }
                        }
                        throw DockerError(.daemonNotAnswering, "the Docker event stream ended")
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: settings.resyncInterval)
                            try await synchronize(reason: "periodic")
                        }
                    }
                    try await group.next()
                    group.cancelAll()
                }
            } catch {
                if Task.isCancelled { return }
                let message = (error as? DockerError)?.message ?? "\(error)"
                if state.docker.reachable || state.docker.error == nil {
                    logger.error("Docker is unreachable; backups wait until it answers: \(message)")
                }
                state.setDockerReachable(false, error: message)
                metrics.recordDocker(reachable: false)
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(30))
            }
        }
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
        for key in added { logger.info("scheduled \(key)", metadata: ["reason": "\(reason)"]) }
        for key in removed { logger.info("dropped \(key)", metadata: ["reason": "\(reason)"]) }
        if !added.isEmpty || !removed.isEmpty {
            for (container, message) in snapshot.invalid.sorted(by: { $0.key < $1.key }) {
                logger.warning("not backed up: container '\(container)': \(message)")
            }
        }
    }

    // MARK: Restore tests

    /// Restore-tests the newest backup of every target whose engine supports it, one at a time, whenever
    /// `expression` fires (`BT_VERIFY_CRON`); stops starting tests on shutdown.
    private func verify(with tester: RestoreTest, on expression: CronExpression) async {
        var due = expression.nextDate(after: now(), in: settings.timeZone)
        while let next = due, !Task.isCancelled, !Task.isShuttingDownGracefully {
            let wait = next.timeIntervalSince(now())
            if wait > 0 {
                try? await Task.sleep(for: .milliseconds(Int(min(wait, 1) * 1000)))
                continue
            }
            let targets = Dictionary(state.snapshot().jobs.map { ($0.target, $0.engine) }, uniquingKeysWith: { first, _ in first })
            for (target, engine) in targets.sorted(by: { $0.key < $1.key }) where ["postgres", "mysql", "mariadb"].contains(engine) {
                guard !Task.isCancelled, !Task.isShuttingDownGracefully else { return }
                let outcome = await tester.run(name: target)
                state.recordRestoreTest(target: target, outcome: outcome, now: now())
                metrics.recordRestoreTest(outcome, target: target, engine: engine, now: now())
            }
            due = expression.nextDate(after: now(), in: settings.timeZone)
        }
    }

    // MARK: Scheduling

    /// Schedules until shutdown; returns whether running backups ended by themselves.
    private func schedule() async -> Bool {
        do {
            try await withThrowingDiscardingTaskGroup { runs in
                while !Task.isShuttingDownGracefully && !Task.isCancelled {
                    let (start, skipped) = state.takeDueJobs(now: now(), slots: maximumConcurrent)
                    for job in skipped {
                        metrics.recordSkippedOverlap()
                        logger.warning("skipped: the previous run is still going", metadata: ["container": "\(job.target.containerName)", "schedule": "\(job.schedule.name)"])
                    }
                    for job in start {
                        runs.addTask { await perform(job) }
                    }
                    let untilNext = state.nextWake.map { $0.timeIntervalSince(now()) } ?? 1
                    try? await Task.sleep(for: .milliseconds(Int(min(max(untilNext, 0.05), 1) * 1000)))
                }
                if state.runningCount > 0 {
                    logger.notice("shutting down: waiting up to \(settings.shutdownTimeout) for \(state.runningCount) running backup(s)")
                    runs.addTask { try await enforceShutdownTimeout() }
                }
            }
        } catch {
            logger.warning("shutdown timeout reached: running backups were cancelled")
            return false
        }
        return true
    }

    /// Returns once nothing runs; throws (cancelling the runs) when the timeout passes first.
    private func enforceShutdownTimeout() async throws {
        let deadline = ContinuousClock.now + settings.shutdownTimeout
        while state.runningCount > 0 {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func perform(_ job: DaemonJob) async {
        var attempt = 1
        var outcome = await runner.run(job.target, schedule: job.schedule.name, now: now())
        while case .failure(let failure) = outcome, failure.isTransient, attempt < settings.retryAttempts,
            !Task.isCancelled, !Task.isShuttingDownGracefully
        {
            let pause = Duration.seconds(min(60, 1 << attempt))
            logger.warning(
                "retrying in \(pause) (attempt \(attempt + 1) of \(settings.retryAttempts)): \(failure.message)",
                metadata: ["container": "\(job.target.containerName)"])
            metrics.recordRetry()
            try? await Task.sleep(for: pause)
            attempt += 1
            outcome = await runner.run(job.target, schedule: job.schedule.name, now: now())
        }
        metrics.recordOutcome(outcome, job: job)
        state.finish(job, outcome: outcome, now: now())
    }
}
