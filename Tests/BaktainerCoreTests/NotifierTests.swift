import BaktainerCore
import Foundation
import Logging
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// A channel that records what it is given, and can fail or hang.
final class RecordingChannel: NotificationChannel {
    enum Behaviour { case deliver, fail(transient: Bool), hang }

    let name: String
    let rule: NotificationRule
    var displayName: String { "\(name) (test)" }
    private let behaviour: Behaviour
    private let received = Mutex<[BackupNotification]>([])
    private let attemptCount = Mutex(0)

    init(_ name: String = "test", rule: NotificationRule = NotificationRule(), behaviour: Behaviour = .deliver) {
        self.name = name
        self.rule = rule
        self.behaviour = behaviour
    }

    var messages: [BackupNotification] { received.withLock { $0 } }
    var kinds: [BackupNotification.Kind] { messages.map(\.event) }
    var attempts: Int { attemptCount.withLock { $0 } }

    func deliver(_ notification: BackupNotification) async throws(NotificationError) {
        attemptCount.withLock { $0 += 1 }
        switch behaviour {
        case .deliver:
            received.withLock { $0.append(notification) }
        case .fail(let transient):
            throw NotificationError(channel: displayName, "the receiver answered 500", isTransient: transient)
        case .hang:
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}

// `Behaviour` holds only Sendable payloads; the channel's mutable state is behind Mutexes.
extension RecordingChannel.Behaviour: Sendable {}

@Suite(.timeLimit(.minutes(2))) struct NotifierTests {
    static func target(_ name: String, labels: [String: String] = [:]) -> BackupTarget {
        var target = BackupTarget(containerID: name + "-id", containerName: name, engine: PostgresEngine(), database: "shop")
        target.labels = labels
        return target
    }

    static let target = target("shop-db")
    static let job = BackupJobInfo(target: target)
    static let date = Date(timeIntervalSince1970: 1_795_600_800)
    static let failure = BackupFailure(container: "shop-db", code: .dumpFailed, message: "pg_dump exited 1: role \"app\" does not exist")

    static func record() -> BackupRecord {
        BackupRecord(
            container: "shop-db", engine: "postgres", database: "shop", file: "2026-11-25/shop-db-1.sql.gz", size: 2048, sha256: "ab",
            durationSeconds: 1.5, exitCode: 0, startedAt: date.timeIntervalSince1970, baktainerVersion: "test")
    }

    static func messages(_ rule: NotificationRule, _ events: [BackupEvent], step: TimeInterval = 60) -> [BackupNotification] {
        var tracker = AlertTracker(rule: rule)
        var messages: [BackupNotification] = []
        for (index, event) in events.enumerated() {
            let at = date.addingTimeInterval(Double(index) * step)
            messages += tracker.messages(for: NotificationSignal.signals(of: event, at: at), at: at)
        }
        return messages
    }

    // MARK: Rules

    @Test func oneFailureMessagePerRunAndNoneForItsRetries() {
        let events: [BackupEvent] = [
            .started(Self.job, attempt: 1), .retried(Self.job, Self.failure, attempt: 1, delay: .seconds(2)),
            .started(Self.job, attempt: 2), .failed(Self.job, Self.failure, attempts: 2),
        ]
        let messages = Self.messages(NotificationRule(), events)
        #expect(messages.map(\.event) == [.failure])
        guard let message = messages.first else { return }
        #expect(message.container == "shop-db" && message.engine == "postgres" && message.error == Self.failure.message && message.attempt == 2)
    }

    @Test func aThresholdOfThreeWaitsForTheThirdFailureInARow() {
        let failed = BackupEvent.failed(Self.job, Self.failure, attempts: 1)
        #expect(Self.messages(NotificationRule(after: 3), [failed, failed]).isEmpty)
        let third = Self.messages(NotificationRule(after: 3), [failed, failed, failed])
        #expect(third.map(\.event) == [.failure] && third.first?.consecutiveFailures == 3)
        // A fourth repeats nothing; a success in between starts the count again (and was never reported: no recovery).
        #expect(Self.messages(NotificationRule(after: 3), [failed, failed, failed, failed]).count == 1)
        let success = BackupEvent.succeeded(Self.job, Self.record(), location: "/backups/x", attempts: 1)
        #expect(Self.messages(NotificationRule(after: 3), [failed, failed, success, failed, failed]).isEmpty)
    }

    @Test func aSuccessAfterAReportedFailureIsOneRecovery() {
        let failed = BackupEvent.failed(Self.job, Self.failure, attempts: 3)
        let success = BackupEvent.succeeded(Self.job, Self.record(), location: "/backups/x", attempts: 1)
        #expect(Self.messages(NotificationRule(), [failed, success, success]).map(\.event) == [.failure, .recovery])
        // At level success the recovery stands for that success; later ones are plain successes.
        #expect(
            Self.messages(NotificationRule(level: .success), [success, failed, success, success]).map(\.event) == [.success, .failure, .recovery, .success])
    }

    @Test func remindersComeNoMoreOftenThanTheInterval() {
        let failed = BackupEvent.failed(Self.job, Self.failure, attempts: 1)
        // One failure a minute for ten minutes, reminders every 4 minutes: at 0, 4 and 8.
        let messages = Self.messages(NotificationRule(remind: .seconds(240)), Array(repeating: failed, count: 10))
        #expect(messages.count == 3 && messages.dropFirst().allSatisfy { $0.title.hasPrefix("Still failing") })
    }

    @Test func monitorsHearEveryStartSuccessAndFailureWithoutThresholds() {
        let events: [BackupEvent] = [
            .started(Self.job, attempt: 1), .succeeded(Self.job, Self.record(), location: "x", attempts: 1), .started(Self.job, attempt: 1),
            .started(Self.job, attempt: 2), .failed(Self.job, Self.failure, attempts: 2),
        ]
        #expect(Self.messages(NotificationRule(after: 5, isMonitor: true), events).map(\.event) == [.started, .success, .started, .failure])
    }

    @Test func copiesRestoreTestsAndDockerHaveTheirOwnStates() {
        let copyError = StorageError(.ioError, "s3: cannot reach the endpoint")
        let failedCopy = DestinationCopyResult(
            destination: "s3", key: BackupKey("2026-11-25/shop-db-1.sql.gz"), location: "", error: copyError, duration: .seconds(1))
        var goodCopy = failedCopy
        goodCopy.error = nil
        let since = Self.date
        let events: [BackupEvent] = [
            .copied(Self.job, failedCopy), .copied(Self.job, failedCopy), .copied(Self.job, goodCopy),
            .docker(reachable: false, since: since, error: "connection refused"),  // at +3 min: under the 10-minute limit
            .docker(reachable: false, since: since.addingTimeInterval(-3600), error: "connection refused"),
            .docker(reachable: false, since: since.addingTimeInterval(-3600), error: "connection refused"),
            .docker(reachable: true, since: since, error: nil),
        ]
        let messages = Self.messages(NotificationRule(), events)
        #expect(messages.map(\.event) == [.copyFailed, .recovery, .dockerUnreachable, .recovery])
        #expect(messages.first?.destinations == [.init(name: "s3", ok: false, error: copyError.message)])
    }

    @Test func theSummaryListsEveryStreamForChannelsThatTakeIt() {
        var ok = JobStatus(target: "shop-db", container: "shop-db", engine: "postgres", schedule: "default", cron: "0 0 * * *")
        (ok.lastResult, ok.lastSize, ok.lastSuccessAt) = ("ok", 3 << 20, Self.date.addingTimeInterval(-7200))
        var failing = JobStatus(target: "crm-db", container: "crm-db", engine: "mariadb", schedule: "hourly", cron: "0 * * * *")
        (failing.lastResult, failing.consecutiveFailures) = ("failed", 2)
        let summary = BackupEvent.summary([ok, failing])
        let messages = Self.messages(NotificationRule(), [summary])
        #expect(messages.map(\.event) == [.summary] && messages.first?.title == "Backup summary: 2 streams, 1 failing")
        #expect(messages.first?.summary == ["shop-db: ok, 3.0 MiB, newest backup 2 h old", "crm-db (hourly): failed, no backup yet, 2 failures in a row"])
        #expect(Self.messages(NotificationRule(summary: false), [summary]).isEmpty)
        #expect(Self.messages(NotificationRule(isMonitor: true), [summary]).isEmpty)
    }

    @Test func theWebhookBodyHasTheDocumentedFields() throws {
        var message = NotificationSignal.signals(of: .failed(Self.job, Self.failure, attempts: 3), at: Self.date, hostname: "backup-host")
            .compactMap { signal -> BackupNotification? in if case .problem(_, let message) = signal { message } else { nil } }.first
        message?.consecutiveFailures = 1
        let body = try #require(message).encodedJSON()
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["event"] as? String == "failure" && json["container"] as? String == "shop-db" && json["engine"] as? String == "postgres")
        #expect(json["database"] as? String == "shop" && json["schedule"] as? String == "default" && json["host"] as? String == "local")
        #expect(json["hostname"] as? String == "backup-host" && json["error_code"] as? String == "dump_failed" && json["attempt"] as? Int == 3)
        #expect(json["timestamp"] as? String == "2026-11-25T10:00:00Z")
    }

    // MARK: Delivery

    static let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func fastTiming() -> Notifier.Timing {
        var timing = Notifier.Timing()
        // Long enough that a loaded machine (CI runs integration tests alongside) never times out a delivery that
        // answers at once; only the hanging channel waits it out.
        timing.attemptTimeout = .seconds(3)
        timing.backoff = .milliseconds(10)
        timing.drainTimeout = .seconds(1)
        return timing
    }

    @Test func aHangingOrFailingReceiverHoldsUpOnlyItselfAndIsCounted() async throws {
        let good = RecordingChannel("good")
        let hanging = RecordingChannel("hanging", behaviour: .hang)
        let failing = RecordingChannel("failing", behaviour: .fail(transient: true))
        let counts = Mutex<[String: Int]>([:])
        let notifier = Notifier(
            channels: [hanging, failing, good], timing: Self.fastTiming(), logger: Self.quiet,
            record: { channel, result in counts.withLock { $0["\(channel) \(result)", default: 0] += 1 } })
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await notifier.run() }
            // observe returns at once, whatever the receivers do.
            await notifier.observe(.failed(Self.job, Self.failure, attempts: 1), at: Self.date)
            #expect(await eventually(within: 60) { good.kinds == [.failure] })
            #expect(await eventually(within: 60) { failing.attempts == 3 })
            notifier.close()
            await group.waitForAll()  // returns within the drain time although one receiver never answers
        }
        let recorded = counts.withLock { $0 }
        #expect(recorded["good sent"] == 1 && recorded["failing failed"] == 1 && recorded["hanging failed"] == 1)
    }

    @Test func aNonTransientFailureIsNotRetried() async {
        let refusing = RecordingChannel("refusing", behaviour: .fail(transient: false))
        let notifier = Notifier(channels: [refusing], timing: Self.fastTiming(), logger: Self.quiet)
        let results = await notifier.send(BackupNotification(.test, title: "test", text: "test", at: Self.date))
        #expect(results.count == 1 && results.first?.error?.message == "the receiver answered 500" && refusing.attempts == 1)
    }

    @Test func labelsMuteAContainerOrSelectItsChannels() async {
        let ops = RecordingChannel("ops")
        let team = RecordingChannel("team")
        let notifier = Notifier(channels: [ops, team], timing: Self.fastTiming(), logger: Self.quiet)
        var selecting = Self.job
        selecting.notifyChannels = ["team"]
        var muted = Self.job
        muted.container = "muted-db"
        muted.notifies = false
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await notifier.run() }
            await notifier.observe(.failed(selecting, Self.failure, attempts: 1), at: Self.date)
            await notifier.observe(.failed(muted, Self.failure, attempts: 1), at: Self.date)
            // Delivered before closing: a loaded machine may take longer than the short drain time.
            #expect(await eventually(within: 30) { !team.messages.isEmpty })
            notifier.close()
        }
        #expect(ops.messages.isEmpty && team.kinds == [.failure] && team.messages.first?.container == "shop-db")
    }

    @Test func labelsParseIntoTheJob() {
        let job = BackupJobInfo(target: Self.target("x", labels: ["baktainer.notify": "no", "baktainer.notify.channels": "a, b"]))
        #expect(job.notifies == false && job.notifyChannels == ["a", "b"])
        let plain = BackupJobInfo(target: Self.target("y"))
        #expect(plain.notifies && plain.notifyChannels == nil)
    }

    // MARK: Overdue, through the daemon

    @Test func aStreamPastItsLimitOnAFrozenClockGivesOneOverdueMessage() async throws {
        let container = BackupDaemonTests.container
        // Every dump fails for good: the stream never gets a success.
        let runtime = FakeRuntime(containers: [container]) { command, _ in
            command.arguments.first == "pg_dump" ? .output("", exitCode: 1, stderr: "FATAL: password authentication failed") : .output("")
        }
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_795_600_830))
        var settings = try DaemonSettings(
            configuration: ConfigurationValues(environment: ["BT_CRON": "0 0 * * *", "BT_MAX_BACKUP_AGE": "2m", "BT_HTTP_PORT": "0"]))
        settings.freshnessCheckInterval = .seconds(30)
        let channel = RecordingChannel("ops")
        let notifier = Notifier(channels: [channel], timing: Self.fastTiming(), logger: Self.quiet)
        let storage = InMemoryBackupStorage()
        let daemon = BackupDaemon(
            runtime: runtime, labels: ["baktainer.backup=true"], settings: settings, maximumConcurrent: 1, logger: Self.quiet,
            observers: [notifier], clock: clock, now: { clock.wallNow },
            makeJobs: { observer in
                BackupJobRunner(
                    runner: BackupRunner(runtime: runtime, storage: storage), storage: storage, settings: PipelineSettings(), observer: observer,
                    attempts: 1, clock: clock, now: { clock.wallNow })
            })
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                group.addTask { await notifier.run() }
                // The daily schedule never fires in these minutes; the freshness check runs every 30 s of test time.
                #expect(await BackupDaemonTests.advance(clock, upTo: 400) { channel.kinds.contains(.overdue) })
                // Five more minutes of checks: still one message (one per change of state).
                for _ in 0..<300 {
                    clock.advance(by: .seconds(1))
                    await Task.yield()
                }
                _ = await eventually(within: 0.5) { false }
                #expect(channel.kinds == [.overdue])
                #expect(channel.messages.first?.container == "shop-db" && channel.messages.first?.title == "Backup of shop-db is overdue")
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}
