import BaktainerCore
import Foundation
import Testing

/// The restore runner over a fake runtime and the in-memory storage: what it refuses before writing, and how a
/// failing tool is reported.
@Suite struct RestoreRunnerTests {
    static let dump = BackupJobRunnerTests.dump
    static let password = "restore-pw-secret"

    /// A storage holding one good postgres backup of `shop-db`, and its key.
    static func storedBackup() async throws -> (InMemoryBackupStorage, BackupKey) {
        let storage = InMemoryBackupStorage()
        let runtime = BackupJobRunnerTests.runtime(.output(dump))
        let settings = PipelineSettings()
        let record = try await BackupRunner(runtime: runtime, storage: storage, settings: settings)
            .run(try DumpPlan.make(BackupJobRunnerTests.target(), settings: settings, date: Date(timeIntervalSince1970: 1_795_583_298))).get()
        return (storage, BackupKey(record.file))
    }

    /// What psql is fed for a one-database restore: the dump inside its transaction.
    static func inTransaction(_ dump: String) -> String { "BEGIN;" + dump + "\nCOMMIT;\n" }

    static func destination(engine: String = "postgres") -> ContainerInfo {
        ContainerInfo(
            id: "d1", name: "fresh-db", labels: ["baktainer.db.engine": engine],
            environment: ["POSTGRES_PASSWORD=\(password)", "MARIADB_ROOT_PASSWORD=\(password)"])
    }

    static func request(_ key: BackupKey, in storage: any BackupStorage, overwrite: Bool = false) -> RestoreRequest {
        var request = RestoreRequest(file: key.rawValue, container: "fresh-db", database: "shop", overwrite: overwrite)
        request.storage = storage
        return request
    }

    @Test func aDatabaseHoldingTablesNeedsYesAndNothingIsWritten() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination()]) { command, _ in
            command.arguments.first == "sh" ? .output("3\n") : .output("")  // the content probe: 3 tables
        }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage)).failure)
        #expect(failure.code == .refused && failure.message.contains("already holds 3 tables") && failure.message.contains("--yes"))
        #expect(!runtime.runs.contains { $0.command.attachStdin }, "nothing was fed to a restore tool")
    }

    @Test func aToolFailureNamesItsExitCodeAndStderrWithoutThePassword() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination()]) { command, _ in
            if command.attachStdin {
                return .output("", exitCode: 3, stderr: "psql:<stdin>:2: ERROR:  relation exists (password \(Self.password))")
            }
            return command.arguments.first == "sh" ? .output("0\n") : .output("")
        }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage)).failure)
        #expect(failure.code == .toolFailed)
        #expect(failure.message.contains("psql exited 3") && failure.message.contains("relation exists"), "\(failure.message)")
        #expect(!failure.message.contains(Self.password))
        let fed = try #require(runtime.runs.first { $0.command.attachStdin })
        #expect(String(decoding: fed.stdin, as: UTF8.self) == Self.inTransaction(Self.dump))
    }

    @Test func withYesTheToolRunsWithoutACheckFirst() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination()]) { command, _ in
            command.arguments.first == "sh" ? .output("3\n") : .output("")
        }
        let result = try await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).get()
        #expect(result.bytes == Self.dump.utf8.count)
        #expect(runtime.runs.map(\.command.program) == ["psql"], "only the restore tool ran: \(runtime.runs.map(\.command.program))")
    }

    @Test func withYesAMissingDatabaseIsExplainedAfterTheToolFailedToOpenIt() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination()]) { command, _ in
            if command.attachStdin { return .output("", exitCode: 2, stderr: #"psql: error: FATAL:  database "shop" does not exist"#) }
            return command.arguments.first == "sh" ? .output("missing\n") : .output("")
        }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .invalidTarget, "\(failure.code)")
        #expect(
            failure.message.contains("database 'shop' does not exist: add --create") && failure.message.contains("Nothing was written"), "\(failure.message)")
        #expect(runtime.runs.map(\.command.program) == ["psql", "postgres probe"], "the check ran after the tool failed")
    }

    @Test func withYesAToolFailureIntoAnExistingDatabaseIsReportedAsItself() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination()]) { command, _ in
            if command.attachStdin { return .output("", exitCode: 3, stderr: "psql:<stdin>:2: ERROR:  relation exists") }
            return command.arguments.first == "sh" ? .output("3\n") : .output("")
        }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .toolFailed && failure.message.contains("psql exited 3") && failure.message.contains("relation exists"), "\(failure.message)")
    }

    @Test func aContainerOfAnotherEngineIsRefused() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination(engine: "mariadb")]) { _, _ in .output("") }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .invalidTarget && failure.message.contains("labelled baktainer.db.engine=mariadb"), "\(failure.message)")
        #expect(runtime.runs.isEmpty)
    }

    @Test func anUnlabelledContainerOfAnotherEngineIsRecognisedAndRefusedBeforeAnythingRuns() async throws {
        let (storage, key) = try await Self.storedBackup()
        let mariadb = ContainerInfo(id: "m1", name: "fresh-db", image: "registry.local/app-db:3", environment: ["MARIADB_ROOT_PASSWORD=\(Self.password)"])
        let runtime = FakeRuntime(containers: [mariadb]) { _, _ in .output("") }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .invalidTarget, "\(failure.message)")
        #expect(
            failure.message.contains("is a mariadb container (its environment sets MARIADB_ROOT_PASSWORD) but the backup is a postgres dump"),
            "\(failure.message)")
        #expect(!failure.message.contains("credentials") && !failure.message.contains(Self.password))
        #expect(runtime.runs.isEmpty)
    }

    @Test func enginesAreRecognisedByLabelImageOrEnvironment() {
        let registry = EngineRegistry()
        #expect(registry.recognize(ContainerInfo(id: "a", name: "a", image: "postgres:16"))?.engine.identifier == "postgres")
        #expect(registry.recognize(ContainerInfo(id: "a", name: "a", image: "docker.io/bitnami/postgresql@sha256:00"))?.engine.identifier == "postgres")
        #expect(registry.recognize(ContainerInfo(id: "a", name: "a", image: "baktainer-fixture/mariadb11:current"))?.engine.identifier == "mariadb")
        #expect(registry.recognize(ContainerInfo(id: "a", name: "a", image: "app", environment: ["MYSQL_ROOT_PASSWORD=x"]))?.engine.identifier == "mysql")
        #expect(
            registry.recognize(ContainerInfo(id: "a", name: "a", image: "app", environment: ["POSTGRES_PASSWORD_FILE=/run/s"]))?.engine.identifier == "postgres"
        )
        #expect(registry.recognize(ContainerInfo(id: "a", name: "a", image: "redis", labels: ["baktainer.db.engine": "sqlite"]))?.engine.identifier == "sqlite")
        #expect(registry.recognize(ContainerInfo(id: "a", name: "a", image: "sha256:abc", environment: ["PATH=/bin"])) == nil)
    }

    @Test func aDumpWithoutItsRecordIsRefusedWithTheManualCommandsAndRestoredWithAnEngine() async throws {
        let (storage, key) = try await Self.storedBackup()
        storage.contents[key]?.record = nil
        let runtime = FakeRuntime(containers: [Self.destination()]) { command, _ in
            command.arguments.first == "sh" ? .output("0\n") : .output("")
        }
        var request = Self.request(key, in: storage)
        request.database = nil
        let refused = try #require(await RestoreRunner(runtime: runtime, identities: []).run(request).failure)
        #expect(refused.code == .verification && refused.message.contains("no record"), "\(refused.message)")
        #expect(refused.message.contains("--engine mariadb|mysql|postgres --to fresh-db"), "\(refused.message)")
        #expect(
            refused.message.contains(
                "postgres: docker exec -i fresh-db psql -U USER -d DATABASE --single-transaction -v ON_ERROR_STOP=1 < memory:\(key.rawValue)"),
            "\(refused.message)")
        #expect(runtime.runs.isEmpty)

        request.engine = "postgres"
        let result = try await RestoreRunner(runtime: runtime, identities: []).run(request).get()
        #expect(result.database == "postgres", "the destination's own database (POSTGRES_DB, else the user's)")
        let fed = try #require(runtime.runs.first { $0.command.attachStdin })
        #expect(String(decoding: fed.stdin, as: UTF8.self) == Self.inTransaction(Self.dump) && fed.stdinFinished)
        #expect(!fed.command.arguments.contains("--single-transaction"))
    }

    @Test func aRestoreTestOfAnEngineWithoutOneIsUnsupportedNotFailed() async throws {
        let storage = InMemoryBackupStorage()
        let runtime = FakeRuntime(containers: [ContainerInfo(id: "r1", name: "cache")]) { _, _ in .output("REDIS0011 snapshot") }
        let target = BackupTarget(containerID: "r1", containerName: "cache", engine: RedisEngine())
        let settings = PipelineSettings()
        _ = try await BackupRunner(runtime: runtime, storage: storage, settings: settings)
            .run(try DumpPlan.make(target, settings: settings, date: Date(timeIntervalSince1970: 1_795_583_298))).get()
        let tester = RestoreTest(runtime: runtime, restorer: RestoreRunner(runtime: runtime, identities: []), storage: storage)
        let failure = try #require(await tester.run(name: "cache").failure)
        #expect(failure.isUnsupported && failure.message.contains("not redis"), "\(failure)")
        #expect(runtime.started.isEmpty)
    }

    @Test func aDamagedBackupIsCheckedAsItStreamsAndNeverCommitted() async throws {
        let (storage, key) = try await Self.storedBackup()
        storage.contents[key]?.bytes[10] ^= 0x01
        let runtime = FakeRuntime(containers: [Self.destination()]) { _, _ in .output("0\n") }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .verification && failure.message.contains("checksum mismatch"), "\(failure.code) \(failure.message)")
        #expect(failure.message.contains("never committed") && failure.message.contains("nothing was restored"), "\(failure.message)")
        let fed = try #require(runtime.runs.first { $0.command.attachStdin })
        let text = String(decoding: fed.stdin, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN;--") && !text.contains("COMMIT;"), "the transaction is opened and never committed")
        #expect(!fed.stdinFinished, "the tool is stopped, it never sees a clean end of input")
    }

    @Test func aToolStoppedByADamagedFileIsReportedAsTheDamage() async throws {
        let (storage, key) = try await Self.storedBackup()
        storage.contents[key]?.bytes[10] ^= 0x01
        let runtime = FakeRuntime(containers: [Self.destination()]) { command, _ in
            command.attachStdin ? .output("", exitCode: 3, stderr: "psql:<stdin>:1: ERROR:  syntax error") : .output("0\n")
        }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .verification && failure.message.contains("checksum mismatch"), "\(failure.code) \(failure.message)")
    }

    @Test func aGoodBackupIsReadOnceAndCommittedAfterItsLastByte() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination()]) { _, _ in .output("0\n") }
        let runner = RestoreRunner(runtime: runtime, identities: [])
        let plan = try await runner.plan(Self.request(key, in: storage, overwrite: true), checkWhileStreaming: true)
        #expect(plan.streamingCheck != nil && plan.transaction != nil)
        #expect(plan.steps.first?.hasPrefix("to verify as it streams:") == true, "\(plan.steps)")
        let result = try await runner.execute(plan)
        #expect(result.bytes == Self.dump.utf8.count)
        let fed = try #require(runtime.runs.first { $0.command.attachStdin })
        #expect(String(decoding: fed.stdin, as: UTF8.self) == Self.inTransaction(Self.dump) && fed.stdinFinished)
    }

    @Test func aDryRunVerifiesTheWholeFileBeforeAnythingRuns() async throws {
        let (storage, key) = try await Self.storedBackup()
        storage.contents[key]?.bytes[10] ^= 0x01
        let runtime = FakeRuntime(containers: [Self.destination()]) { _, _ in .output("0\n") }
        await #expect(throws: RestoreFailure.self) { try await RestoreRunner(runtime: runtime, identities: []).plan(Self.request(key, in: storage)) }
        #expect(runtime.runs.isEmpty)
    }

    @Test func anEngineWithoutATransactionHasTheFileVerifiedBeforeAnythingIsFed() async throws {
        let (storage, key) = try await Self.storedBackup()
        storage.contents[key]?.bytes[10] ^= 0x01
        // A pg_dumpall backup (no database): no transaction spans the databases it creates.
        var record = try JSONDecoder().decode(BackupRecord.self, from: Data(try #require(storage.contents[key]?.record)))
        record.database = nil
        storage.contents[key]?.record = Array(try JSONEncoder().encode(record))
        var request = Self.request(key, in: storage, overwrite: true)
        request.database = nil
        let runtime = FakeRuntime(containers: [Self.destination()]) { _, _ in .output("0\n") }
        let runner = RestoreRunner(runtime: runtime, identities: [])
        do {
            _ = try await runner.plan(request, checkWhileStreaming: true)
            Issue.record("a damaged file was planned")
        } catch {
            #expect(error.code == .verification && error.message.contains("checksum mismatch"), "\(error.message)")
        }
        #expect(runtime.runs.isEmpty)
    }
}
