import BaktainerCore
import Foundation
import Logging
import ServiceLifecycleTestKit
import Synchronization
import Testing

/// Two containers with the same backup name would write the same file names: found, and both named.
@Suite(.timeLimit(.minutes(2))) struct DuplicateBackupNameTests {
    static func target(_ container: String, name: String? = nil, runtime: RuntimeID = .local) -> BackupTarget {
        var target = BackupTarget(containerID: container, containerName: container, engine: PostgresEngine(), database: "shop", backupName: name)
        target.runtime = runtime
        return target
    }

    @Test func findsEveryNameSharedByMoreThanOneContainer() {
        let targets = [
            Self.target("shop-a", name: "db"), Self.target("solo"), Self.target("shop-b", name: "db"), Self.target("c", name: "cache"),
            Self.target("cache"), Self.target("x", name: "db"),
        ]
        let found = DuplicateBackupName.find(in: targets)
        #expect(
            found == [
                DuplicateBackupName(backupName: "cache", containers: ["c", "cache"]),
                DuplicateBackupName(backupName: "db", containers: ["shop-a", "shop-b", "x"]),
            ])
        #expect(
            found[0].description
                == "backup name 'cache' is shared by containers 'c' and 'cache': their backup files would have the same names; give each its own baktainer.name"
        )
        #expect(found[1].description.hasPrefix("backup name 'db' is shared by containers 'shop-a', 'shop-b' and 'x':"))
    }

    @Test func uniqueNamesAreFine() {
        #expect(DuplicateBackupName.find(in: [Self.target("a"), Self.target("b"), Self.target("c", name: "d")]).isEmpty)
        #expect(DuplicateBackupName.find(in: []).isEmpty)
    }

    @Test func containersOfAnotherHostAreNamedWithTheirHost() {
        let found = DuplicateBackupName.find(in: [Self.target("db"), Self.target("db", runtime: RuntimeID("tcp://other:2376"))])
        #expect(found.first?.containers.count == 2)
        #expect(found.first?.containers.contains("db") == true)
    }

    /// The daemon warns once per change of its targets, naming both containers; a resync that changes
    /// nothing says nothing again.
    @Test func theDaemonWarnsOnceWhenTheTargetsChange() async throws {
        let labels = ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.name": "shop", "baktainer.name": "db"]
        let runtime = FakeRuntime(
            containers: [
                ContainerInfo(id: "c1", name: "stack1-db", labels: labels, environment: ["POSTGRES_PASSWORD=pw"]),
                ContainerInfo(id: "c2", name: "stack2-db", labels: labels, environment: ["POSTGRES_PASSWORD=pw"]),
            ]) { _, _ in .output("") }
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_795_600_830))
        let storage = InMemoryBackupStorage()
        let warnings = WarningCapture()
        let settings = try DaemonSettings(configuration: ConfigurationValues(environment: ["BT_CRON": "0 0 1 1 *", "BT_RESYNC_INTERVAL": "5"]))
        let daemon = BackupDaemon(
            runtime: runtime, labels: ["baktainer.backup=true"], settings: settings, maximumConcurrent: 1,
            logger: Logger(label: "test", factory: { _ in warnings }), clock: clock, now: { clock.wallNow },
            makeJobs: { observer in
                BackupJobRunner(
                    runner: BackupRunner(runtime: runtime, storage: storage), storage: storage, settings: PipelineSettings(), observer: observer,
                    clock: clock, now: { clock.wallNow })
            })
        let warning =
            "backup name 'db' is shared by containers 'stack1-db' and 'stack2-db': their backup files would have the same names; give each its own baktainer.name"
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await daemon.run() }
                #expect(await eventually { warnings.messages.contains(warning) })
                for _ in 0..<30 {
                    clock.advance(by: .seconds(1))
                    _ = await eventually(within: 0.01) { false }
                }
                #expect(warnings.messages.filter { $0 == warning }.count == 1, "\(warnings.messages)")
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}

/// Collects the message of every warning logged.
private struct WarningCapture: LogHandler {
    private final class Box: Sendable {
        let messages = Mutex<[String]>([])
    }
    private let box = Box()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    /// The warnings so far, in order.
    var messages: [String] { box.messages.withLock { $0 } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        if event.level == .warning { box.messages.withLock { $0.append("\(event.message)") } }
    }
}
