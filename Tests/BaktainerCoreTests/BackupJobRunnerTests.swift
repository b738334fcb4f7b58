import BaktainerCore
import Foundation
import NIOCore
import Testing

/// The backup run end to end through a fake runtime and the in-memory storage: every failure class, nothing
/// left after a failure, the commit with its sidecars, retries, retention, the events.
@Suite(.timeLimit(.minutes(3))) struct BackupJobRunnerTests {
    static let dump = "-- PostgreSQL database dump\nCOPY public.t (id) FROM stdin;\n1\n2\n\\.\n-- PostgreSQL database dump complete\n"
    static let container = ContainerInfo(
        id: "c1", name: "shop-db", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], environment: ["POSTGRES_PASSWORD=hunter2-secret"])

    static func target(labels: [String: String] = [:]) -> BackupTarget {
        var target = BackupTarget(
            containerID: "c1", containerName: "shop-db", engine: PostgresEngine(), database: "shop", user: "postgres", password: Secret("hunter2-secret"))
        target.labels = labels
        return target
    }

    /// A runtime whose pg_dump answers with `dump`; the content probe (`sh`) finds an empty database.
    static func runtime(_ dump: FakeRuntime.Script) -> FakeRuntime {
        FakeRuntime(containers: [container]) { command, _ in
            switch command.arguments.first {
            case "pg_dump": dump
            case "sh": .output("0\n")
            default: .output("")
            }
        }
    }

    struct Setup {
        let runtime: FakeRuntime
        let storage = InMemoryBackupStorage()
        let events = EventRecorder()
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_795_583_298))

        func jobs(attempts: Int = 1, settings: PipelineSettings = PipelineSettings()) -> BackupJobRunner {
            BackupJobRunner(
                runner: BackupRunner(runtime: runtime, storage: storage, settings: settings), storage: storage, settings: settings,
                observer: events, attempts: attempts, clock: clock, now: { [clock] in clock.wallNow })
        }
    }

    @Test func aGoodDumpIsCommittedWithItsRecordAndChecksumAndVerifies() async throws {
        let setup = Setup(runtime: Self.runtime(.output(Self.dump)))
        let record = try await setup.jobs().run(Self.target()).get()
        let catalog = try await setup.storage.list()
        #expect(catalog.entries.map(\.key.rawValue) == ["2026-11-25/shop-db-1795583298.sql"])
        #expect(record.file == "2026-11-25/shop-db-1795583298.sql")
        #expect(record.size == Self.dump.utf8.count && record.dumpSize == Self.dump.utf8.count)
        let stored = try #require(setup.storage.contents[BackupKey(record.file)])
        #expect(stored.checksum == "\(record.sha256)  shop-db-1795583298.sql\n")
        let verified = try await BackupVerifier(identities: []).verify(BackupKey(record.file), in: setup.storage).get()
        #expect(verified.dumpBytes == Self.dump.utf8.count)
        #expect(setup.events.kinds == ["started", "succeeded"])
        // The password reached pg_dump through its environment only.
        let run = try #require(setup.runtime.runs.first { $0.command.arguments.first == "pg_dump" })
        #expect(run.command.environment["PGPASSWORD"] == "hunter2-secret")
        #expect(!run.command.arguments.joined().contains("hunter2"))
    }

    @Test func twoBackupsInOneSecondKeepTwoFilesEachRecordNamingItsOwn() async throws {
        let setup = Setup(runtime: Self.runtime(.output(Self.dump)))
        let first = try await setup.jobs().run(Self.target()).get()
        let second = try await setup.jobs().run(Self.target()).get()
        #expect([first.file, second.file] == ["2026-11-25/shop-db-1795583298.sql", "2026-11-25/shop-db-1795583298_2.sql"])
        let catalog = try await setup.storage.list()
        #expect(catalog.entries.map(\.record.file).sorted() == [first.file, second.file])
        #expect(catalog.entries.allSatisfy { $0.key.rawValue == $0.record.file })
    }

    @Test func aCompressedDumpVerifiesAndRestoresThroughTheStorage() async throws {
        let setup = Setup(runtime: Self.runtime(.output(Self.dump)))
        let settings = PipelineSettings(compression: CompressionSettings(compression: .gzip))
        let record = try await setup.jobs(settings: settings).run(Self.target()).get()
        #expect(record.file.hasSuffix(".sql.gz") && record.compression == "gzip")
        var request = RestoreRequest(file: record.file, container: "shop-db", overwrite: true)
        request.storage = setup.storage
        let result = try await RestoreRunner(runtime: setup.runtime, identities: []).run(request).get()
        #expect(result.bytes == Self.dump.utf8.count)
        let restore = try #require(setup.runtime.runs.first { $0.command.arguments.first == "psql" && $0.command.attachStdin })
        #expect(String(decoding: restore.stdin, as: UTF8.self) == RestoreRunnerTests.inTransaction(Self.dump))
    }

    @Test(arguments: [
        (
            FakeRuntime.Script.output(dump, exitCode: 1, stderr: "pg_dump: error: password authentication failed for user \"postgres\" hunter2-secret"),
            BackupFailure.Code.dumpFailed
        ),
        (FakeRuntime.Script.output("-- PostgreSQL database dump\nCOPY t FROM stdin;\n1\n"), .incompleteDump),
        (FakeRuntime.Script.output(""), .incompleteDump),
    ])
    func aBadDumpLeavesNothingAndIsNotRetried(script: FakeRuntime.Script, code: BackupFailure.Code) async throws {
        let setup = Setup(runtime: Self.runtime(script))
        let failure = try #require(await setup.jobs(attempts: 3).run(Self.target()).failure)
        #expect(failure.code == code)
        #expect(!failure.message.contains("hunter2-secret"), "\(failure.message)")
        #expect(setup.storage.contents.isEmpty)
        #expect(setup.events.kinds == ["started", "failed"])
    }

    @Test func aStreamCutMidDumpIsRetriedThenReported() async throws {
        let cut = FakeRuntime.Script(stdout: [Array("-- PostgreSQL database dump\n".utf8)], failure: RuntimeError(.streamCut, "the stream ended mid-frame"))
        let setup = Setup(runtime: Self.runtime(cut))
        async let outcome = setup.jobs(attempts: 3).run(Self.target())
        for _ in 0..<2 {
            #expect(await eventually { setup.clock.sleeperCount == 1 })
            setup.clock.advance(by: .seconds(60))
        }
        let failure = try #require(await outcome.failure)
        #expect(failure.code == .containerGone && failure.isTransient)
        #expect(setup.events.kinds == ["started", "retried", "started", "retried", "started", "failed"])
        #expect(setup.storage.contents.isEmpty)
    }

    @Test func anErrorOfNoKnownKindIsReportedAndNotRetried() async throws {
        struct Strange: Error {}
        let setup = Setup(runtime: Self.runtime(FakeRuntime.Script(stdout: [Array("-- PostgreSQL".utf8)], failure: Strange())))
        let failure = try #require(await setup.jobs(attempts: 3).run(Self.target()).failure)
        #expect(failure.code == .internal && !failure.isTransient)
        #expect(setup.events.kinds == ["started", "failed"])
        #expect(setup.storage.contents.isEmpty)
    }

    @Test func retentionRunsAfterASuccessAndIsReported() async throws {
        let setup = Setup(runtime: Self.runtime(.output(Self.dump)))
        let settings = PipelineSettings(retention: RetentionSettings(global: RetentionPolicy(keepLast: 1)))
        let jobs = setup.jobs(settings: settings)
        let first = try await jobs.run(Self.target()).get()
        setup.clock.advance(by: .seconds(3600))
        let second = try await jobs.run(Self.target()).get()
        #expect(try await setup.storage.list().entries.map(\.key.rawValue) == [second.file])
        #expect(setup.events.kinds == ["started", "succeeded", "started", "succeeded", "pruned"])
        guard case .pruned(_, let result) = setup.events.all.last else {
            Issue.record("no pruned event")
            return
        }
        #expect(result.deleted.map(\.key.rawValue) == [first.file])
    }

    @Test func aKeyThatExistsIsNeverReplaced() async throws {
        let setup = Setup(runtime: Self.runtime(.output(Self.dump)))
        let jobs = setup.jobs()
        let first = try await jobs.run(Self.target()).get()
        let before = try #require(setup.storage.contents[BackupKey(first.file)])
        let second = try await jobs.run(Self.target()).get()  // same second: the key is taken, the next one is used
        #expect(second.file != first.file)
        #expect(setup.storage.contents[BackupKey(first.file)] == before)
        #expect(setup.storage.contents.count == 2)
    }
}

extension Result {
    /// The failure, or nil.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
