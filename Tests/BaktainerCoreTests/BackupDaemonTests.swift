import BaktainerCore
import Foundation
import Logging
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// The daemon driven by a test clock, over a fake runtime and the in-memory storage: schedules, retries, no new
/// run after shutdown, overlaps, Docker lost and back.
@Suite(.timeLimit(.minutes(3))) struct BackupDaemonTests {
    static let container = ContainerInfo(
        id: "c1", name: "shop-db",
        labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.name": "shop"],
        environment: ["POSTGRES_PASSWORD=pw-secret"])
    static let dump = BackupJobRunnerTests.dump

    struct Setup {
        let runtime: FakeRuntime
        let storage = InMemoryBackupStorage()
        let events = EventRecorder()
        // 2026-11-25 10:00:30 UTC: the next minute starts in 30 s.
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_795_600_830))

        func daemon(_ variables: [String: String] = [:], trimmer: (any IdleTrimming)? = nil) throws -> BackupDaemon {
            var environment = ["BT_CRON": "* * * * *", "BT_RETRY_ATTEMPTS": "3", "BT_SHUTDOWN_TIMEOUT": "30"]
            environment.merge(variables) { $1 }
            let settings = try DaemonSettings(configuration: ConfigurationValues(environment: environment))
            let (runtime, storage, events, clock) = (self.runtime, self.storage, self.events, self.clock)
            return BackupDaemon(
                runtime: runtime, labels: ["baktainer.backup=true"], settings: settings, maximumConcurrent: 2,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), observers: [events], trimmer: trimmer, clock: clock,
                now: { clock.wallNow },
                makeJobs: { observer in
                    BackupJobRunner(
                        runner: BackupRunner(runtime: runtime, storage: storage), storage: storage, settings: PipelineSettings(), observer: observer,
                        attempts: settings.retryAttempts, clock: clock, now: { clock.wallNow })
                })
        }
    }

    static func runtime(_ script: @escaping @Sendable () -> FakeRuntime.Script) -> FakeRuntime {
        FakeRuntime(containers: [container]) { command, _ in command.arguments.first == "pg_dump" ? script() : .output("") }
    }

    /// Advances the clock a second at a time until `condition` holds (at most `limit` seconds of schedule).
    static func advance(_ clock: TestClock, upTo limit: Int = 300, until condition: () async -> Bool) async -> Bool {
        for _ in 0..<limit {
            if await condition() { return true }
            _ = await eventually(within: 0.02) { await condition() }
            clock.advance(by: .seconds(1))
        }
        return await condition()
    }

    @Test func backsUpOnScheduleAndReportsItInTheState() async throws {
        let setup = Setup(runtime: Self.runtime { .output(Self.dump) })
        let daemon = try setup.daemon()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                #expect(await Self.advance(setup.clock) { daemon.state.snapshot().jobs.first?.lastResult == "ok" })
                let status = try #require(daemon.state.snapshot().jobs.first)
                #expect(status.host == "local" && status.container == "shop-db" && status.lastFile?.hasPrefix("memory:2026-11-25/shop-db-") == true)
                #expect(daemon.metrics.rendered().contains(#"baktainer_backups_total{engine="postgres",result="ok"} 1"#))
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        #expect(try await setup.storage.list().entries.count >= 1)
    }

    @Test func aRetryPendingAtShutdownNeverStarts() async throws {
        let cut = FakeRuntime.Script(stdout: [], failure: RuntimeError(.notRunning, "container is restarting"))
        let setup = Setup(runtime: Self.runtime { cut })
        let daemon = try setup.daemon()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                #expect(await Self.advance(setup.clock) { setup.events.kinds.contains("retried") })
                // The daemon now waits 2 s (test time) before the second attempt: shut down instead.
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
        setup.clock.advance(by: .seconds(120))
        try await Task.sleep(for: .milliseconds(50))
        #expect(setup.events.kinds.filter { $0 == "started" }.count == 1, "\(setup.events.kinds)")
        #expect(setup.events.kinds.last == "failed")
        #expect(setup.runtime.runs.filter { $0.command.arguments.first == "pg_dump" }.count == 1)
    }

    @Test func aRunStillGoingWhenTheNextIsDueIsSkipped() async throws {
        let gate = Gate()  // the dump lasts until the test has seen the overlap, however loaded the machine
        let slow = FakeRuntime.Script(stdout: [Array(Self.dump.utf8)], gate: gate)
        let setup = Setup(runtime: Self.runtime { slow })
        let daemon = try setup.daemon()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                #expect(await Self.advance(setup.clock) { daemon.state.snapshot().jobs.first?.running == true })
                setup.clock.advance(by: .seconds(60))
                #expect(await eventually { setup.events.kinds.contains("skipped") })
                gate.open()
                #expect(await eventually { daemon.state.snapshot().jobs.first?.lastResult == "ok" })
                #expect(daemon.state.snapshot().jobs.first?.skippedOverlaps == 1)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    /// Counts the daemon's calls to ``IdleTrimming/trim()``.
    final class TrimCounter: IdleTrimming {
        private let count = Mutex(0)
        var trims: Int { count.withLock { $0 } }
        func trim() { count.withLock { $0 += 1 } }
    }

    @Test func memoryIsTrimmedOnceIdleAfterStartUpAndAfterEachRoundNeverDuringOne() async throws {
        let gate = Gate()
        let slow = FakeRuntime.Script(stdout: [Array(Self.dump.utf8)], gate: gate)
        let setup = Setup(runtime: Self.runtime { slow })
        let trimmer = TrimCounter()
        let daemon = try setup.daemon(["BT_CRON": "0 * * * *"], trimmer: trimmer)  // 11:00, 59.5 minutes away
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                // Start-up: once the containers are listed, before any backup is due.
                #expect(await eventually { trimmer.trims == 1 })
                #expect(daemon.state.hasSynchronized && setup.events.kinds.isEmpty)
                setup.clock.advance(by: .seconds(3570))
                #expect(await eventually { daemon.state.snapshot().jobs.first?.running == true })
                // The scheduler wakes while the backup runs (the next hour is due, and skipped): no trim then.
                setup.clock.advance(by: .seconds(3600))
                #expect(await eventually { setup.events.kinds.contains("skipped") })
                #expect(trimmer.trims == 1)
                gate.open()
                #expect(await eventually { daemon.state.snapshot().jobs.first?.lastResult == "ok" })
                #expect(await eventually { trimmer.trims == 2 })
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func memoryIsNotTrimmedWhenTheNextBackupIsDueWithinTenMinutes() async throws {
        let setup = Setup(runtime: Self.runtime { .output(Self.dump) })
        let trimmer = TrimCounter()
        let daemon = try setup.daemon(["BT_CRON": "*/5 * * * *"], trimmer: trimmer)  // 10:05, 4.5 minutes away
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                #expect(await eventually { daemon.state.hasSynchronized })
                // Two rounds: the scheduler decided after start-up (before starting the first) and after the first
                // round (before starting the second); each time the next backup was 5 minutes or less away.
                for round in 1...2 {
                    setup.clock.advance(by: .seconds(round == 1 ? 270 : 300))
                    #expect(await eventually { setup.events.kinds.filter { $0 == "succeeded" }.count == round })
                }
                #expect(trimmer.trims == 0)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }

    @Test func dockerLostAndBackIsReportedAndMissedRunsRunOnce() async throws {
        let setup = Setup(runtime: Self.runtime { .output(Self.dump) })
        let daemon = try setup.daemon()
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                #expect(await eventually { daemon.state.docker.reachable && daemon.state.snapshot().jobs.count == 1 })
                setup.runtime.unreachable = true
                // The event stream breaks at once; then three scheduled minutes pass without Docker.
                #expect(await eventually { !daemon.state.docker.reachable })
                #expect(!(await Self.advance(setup.clock, upTo: 180) { false }))
                #expect(setup.events.kinds.filter { $0 == "started" }.isEmpty)
                setup.runtime.unreachable = false
                #expect(await Self.advance(setup.clock, upTo: 60) { daemon.state.docker.reachable })
                #expect(await eventually { setup.events.kinds.contains("succeeded") })
                #expect(setup.events.kinds.filter { $0 == "started" }.count == 1, "\(setup.events.kinds)")
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}
