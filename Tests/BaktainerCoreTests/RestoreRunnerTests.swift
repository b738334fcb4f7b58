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
        #expect(String(decoding: fed.stdin, as: UTF8.self) == Self.dump)
    }

    @Test func aContainerOfAnotherEngineIsRefused() async throws {
        let (storage, key) = try await Self.storedBackup()
        let runtime = FakeRuntime(containers: [Self.destination(engine: "mariadb")]) { _, _ in .output("") }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .invalidTarget && failure.message.contains("labelled baktainer.db.engine=mariadb"), "\(failure.message)")
        #expect(runtime.runs.isEmpty)
    }

    @Test func aDamagedBackupIsNotRestored() async throws {
        let (storage, key) = try await Self.storedBackup()
        storage.contents[key]?.bytes[10] ^= 0x01
        let runtime = FakeRuntime(containers: [Self.destination()]) { _, _ in .output("0\n") }
        let failure = try #require(await RestoreRunner(runtime: runtime, identities: []).run(Self.request(key, in: storage, overwrite: true)).failure)
        #expect(failure.code == .verification && failure.message.contains("checksum mismatch"), "\(failure.message)")
        #expect(runtime.runs.isEmpty)
    }
}
