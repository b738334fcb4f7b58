import BaktainerCore
import DockerEngineAPI
import Foundation
import NIOCore
import Testing

/// `RestoreRunner` against a real server where the command line cannot reach: a file that breaks while it is
/// being fed must stop the tool before it sees a clean end of input.
@Suite struct RestoreRunnerIntegrationTests {
    let directory = "/var/tmp/bt-restore-runner-tests/\(UUID().uuidString.prefix(8))"

    @Test func aLayerFailingMidStreamStopsPsqlBeforeItCommits() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let container = try await TestBed.startContainer(
                fixture: "postgres", environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let wait = Process()
            wait.executableURL = URL(fileURLWithPath: root.appendingPathComponent("scripts/testbed-wait.sh").path)
            wait.arguments = [container, "postgres", "90"]
            try wait.run()
            while wait.isRunning { try await Task.sleep(for: .milliseconds(100)) }
            try #require(wait.terminationStatus == 0)

            // A dump of three age chunks whose first two (128 KiB) end exactly at a statement boundary, and whose
            // third is damaged: a tool that saw a clean end after the second chunk would commit whole statements.
            var text = "CREATE TABLE t (id int, name text);\n"
            var id = 0
            while text.utf8.count < 120_000 {
                id += 1
                text += "INSERT INTO t VALUES (\(id), 'row \(id)');\n"
            }
            let padding = 2 * 65_536 - text.utf8.count - 4
            text += "-- " + String(repeating: "x", count: padding) + "\n"
            #expect(text.utf8.count == 2 * 65_536)
            for more in 1...2000 { text += "INSERT INTO t VALUES (\(id + more), 'more');\n" }
            text += "--\n-- PostgreSQL database dump complete\n--\n"
            let dump = Array(text.utf8)
            let key = AgeKeyPair.generate()
            var encryptor = try AgeEncryptor(recipients: [key.recipient])
            var sealed = try encryptor.transform(ByteBuffer(bytes: dump))
            var last = try encryptor.finish()
            sealed.writeBuffer(&last)
            var bytes = Array(sealed.readableBytesView)
            bytes[bytes.count - 200] ^= 0x01
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let path = "\(directory)/shop-1795583298.sql.age"
            try Data(bytes).write(to: URL(fileURLWithPath: path))

            let client = try await DockerClient.connect()
            let target = BackupTarget(
                containerID: container, containerName: container, engine: PostgresEngine(), database: "shop", user: "app", password: Secret(password))
            let record = BackupRecord(
                container: container, engine: "postgres", database: "shop", file: path, size: bytes.count, sha256: "-", durationSeconds: 0, exitCode: 0,
                startedAt: 0, baktainerVersion: "test")
            let plan = RestorePlan(
                verification: BackupVerification(
                    key: BackupKey("shop-1795583298.sql.age"), path: path, storage: LocalBackupStorage(root: directory), record: record,
                    storedBytes: bytes.count, dumpBytes: dump.count, layers: [.age]),
                target: target, command: try PostgresEngine().restoreCommand(for: target, force: false), probe: nil, create: nil,
                restartsContainer: false)
            let runner = RestoreRunner(runtime: DockerRuntime(client: client), identities: [key.identity])
            do throws(RestoreFailure) {
                _ = try await runner.execute(plan)
                Issue.record("a restore of a damaged file succeeded")
            } catch {
                #expect(error.code == .storage, "\(error)")
                #expect(error.message.contains("age layer") && error.message.contains(container), "\(error)")
                #expect(error.message.contains("never committed: nothing was restored"), "\(error)")
                #expect(!error.message.contains(password))
            }
            let tables = try await TestBed.docker([
                "exec", "-e", "PGPASSWORD=\(password)", container, "psql", "-X", "-U", "app", "-d", "shop", "-tAc",
                "select count(*) from pg_tables where tablename = 't'",
            ])
            #expect(tables == "0", "psql committed a cut dump")
            // Stopped, or (when it started after the feed failed: the daemon answers an exec's start before it
            // starts the process) ended at the end of its input; either way gone within seconds, never committed.
            var psqlLeft = true
            for _ in 0..<50 where psqlLeft {
                psqlLeft = try await TestBed.processCommandLines(in: container).contains { $0.hasPrefix("psql ") }
                if psqlLeft { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(!psqlLeft, "psql was left running")
        }
    }
}
