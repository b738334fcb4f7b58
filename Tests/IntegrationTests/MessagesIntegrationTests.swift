import BaktainerCore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The messages a user meets when something is wrong, against real servers and the real binary: readable,
/// naming what to change, never giving a password away; and the restores and verifications a real setup
/// needs (a dump without its record, a backup host without the key).
@Suite struct MessagesIntegrationTests {
    /// A fresh backup directory per test.
    let directory = "/var/tmp/bt-messages-tests/\(UUID().uuidString.prefix(8))"

    private func start(_ fixture: String, engine: String, environment: [String: String], labels: [String: String] = [:], run: String) async throws -> String {
        let name = try await TestBed.startContainer(fixture: fixture, labels: labels, environment: environment, runID: run)
        try await TestBed.waitReady(name, engine: engine)
        return name
    }

    private func baktainer(_ arguments: [String], environment: [String: String] = [:]) async throws -> BaktainerProcess.Outcome {
        try await BaktainerProcess.run(arguments, environment: ["BT_BACKUP_DIR": directory].merging(environment) { $1 })
    }

    @Test(arguments: ["x", "postgres"])
    func aShortOrCommonPasswordLeavesTheErrorReadableAndUnrevealing(password: String) async throws {
        try await TestBed.withRun { run in
            let source = try await start(
                "postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": password],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.name": "nope"], run: run)
            let outcome = try await baktainer(["backup", source])
            let text = outcome.output + outcome.errors
            #expect(outcome.status != 0)
            #expect(text.contains("pg_dump exited 1"), "\(text)")
            #expect(text.contains(#"database "nope" does not exist"#), "\(text)")
            #expect(!text.contains("•"), "nothing was masked, so no hole tells the password: \(text)")
            if password == "postgres" { #expect(text.contains("/var/run/postgresql/.s.PGSQL.5432"), "\(text)") }
        }
    }

    @Test func aMissingMariadbPasswordNamesTheToolAndWhereThePasswordComesFrom() async throws {
        try await TestBed.withRun { run in
            let source = try await start(
                "mariadb", engine: "mariadb", environment: ["MARIADB_RANDOM_ROOT_PASSWORD": "1", "MARIADB_DATABASE": "shop"],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "mariadb"], run: run)
            let outcome = try await baktainer(["backup", source])
            let text = outcome.output + outcome.errors
            #expect(outcome.status != 0)
            #expect(text.contains("mariadb dump exited 2") && !text.contains("sh exited"), "\(text)")
            #expect(text.contains("without a password") && text.contains("baktainer.db.password"), "\(text)")
            #expect(text.contains("MARIADB_ROOT_PASSWORD or MYSQL_ROOT_PASSWORD"), "\(text)")
        }
    }

    @Test func aMariadbDumpIntoAPostgresContainerNamesTheMismatchBeforeRunningAnything() async throws {
        try await TestBed.withRun { run in
            let postgres = try await start("postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": "pg-\(run)"], run: run)
            let day = "\(directory)/2026-11-25"
            try FileManager.default.createDirectory(atPath: day, withIntermediateDirectories: true)
            let path = "\(day)/shop-1795583298.sql"
            let dump = "CREATE DATABASE shop;\nUSE `shop`;\nCREATE TABLE t (id int);\n-- Dump completed on 2026-11-25\n"
            try RestoreCommandIntegrationTests.writeBackup(Data(dump.utf8), path: path, container: "old-maria", engine: "mariadb", database: "shop")
            let outcome = try await baktainer(["restore", path, "--to", postgres, "--yes"])
            #expect(outcome.status != 0)
            #expect(outcome.errors.contains("is a postgres container") && outcome.errors.contains("mariadb dump"), "\(outcome.errors)")
            #expect(!outcome.errors.contains("credentials"), "\(outcome.errors)")
        }
    }

    @Test func aDumpWithoutItsRecordIsRefusedWithTheManualCommandsThenRestoredWithAnEngine() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let env = ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"]
            let source = try await start(
                "postgres", engine: "postgres", environment: env, labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], run: run)
            func psql(_ sql: String) async throws -> String {
                try await TestBed.docker(["exec", "-e", "PGPASSWORD=\(password)", source, "psql", "-X", "-U", "app", "-d", "shop", "-tAc", sql])
            }
            _ = try await psql("create table items(id int primary key); insert into items select generate_series(1, 777);")
            let backup = try await baktainer(["backup", source], environment: ["BT_COMPRESS": "gzip"])
            let file = try #require(backup.output.split(separator: "\n").first { $0.contains(" ok ") }?.split(separator: " ").last.map(String.init))
            // Copied off-site alone, under another name.
            let alone = "\(directory)/copied-shop.sql.gz"
            try FileManager.default.copyItem(atPath: file, toPath: alone)
            _ = try await psql("drop table items")

            let refused = try await baktainer(["restore", alone, "--to", source])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("--engine") && refused.errors.contains("gunzip -c \(alone) | docker exec -i \(source) psql"), "\(refused.errors)")

            let restored = try await baktainer(["restore", alone, "--engine", "postgres", "--to", source])
            #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
            #expect(try await psql("select count(*), sum(id) from items") == "777|302253")
            #expect(!restored.output.contains(password) && !restored.errors.contains(password))
        }
    }

    @Test func verifyWithoutTheKeyChecksWhatItCanAndPasses() async throws {
        try await TestBed.withRun { run in
            let source = try await start(
                "postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": "pg-\(run)"],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], run: run)
            let key = AgeKeyPair.generate()
            let backup = try await baktainer(["backup", source], environment: ["BT_COMPRESS": "zstd", "BT_AGE_RECIPIENTS": key.recipientString])
            #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
            let verified = try await baktainer(["verify", "--all"])
            #expect(verified.status == 0, "\(verified.output)\(verified.errors)")
            #expect(verified.output.contains("ok (checksum)") && verified.output.contains("encrypted layer not opened: no key"), "\(verified.output)")
            #expect(verified.output.contains("age header names 1 recipient (1 X25519)"), "\(verified.output)")
        }
    }

    @Test func aRestoreTestOfRedisIsUnsupportedNotFailed() async throws {
        try await TestBed.withRun { run in
            let source = try await start(
                "redis", engine: "redis", environment: ["REDIS_PASSWORD": "r-\(run)"],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "redis", "baktainer.name": "cache-\(run)"], run: run)
            let backup = try await baktainer(["backup", source])
            #expect(backup.status == 0, "\(backup.output)\(backup.errors)")
            let tested = try await baktainer(["verify", "--restore-test", "cache-\(run)"])
            #expect(tested.status == 0, "\(tested.output)\(tested.errors)")
            #expect(tested.output.contains("unsupported") && !tested.output.contains("failed"), "\(tested.output)")
        }
    }

    @Test func aMissingBackupDirectoryIsNamedWithTheSetting() async throws {
        for arguments in [["list", "--backups"], ["verify", "--all"], ["restore", "shop", "--latest"]] {
            let outcome = try await baktainer(arguments, environment: ["BT_BACKUP_DIR": "/var/tmp/bt-no-such-dir-\(UUID().uuidString.prefix(6))"])
            #expect(outcome.status != 0, "\(arguments)")
            #expect(outcome.errors.contains("does not exist") && outcome.errors.contains("set BT_BACKUP_DIR"), "\(arguments): \(outcome.errors)")
            #expect(!outcome.errors.contains("NSCocoaErrorDomain"), "\(outcome.errors)")
        }
    }

    @Test func aBusyHTTPPortIsNamedAndTheServerIsNeverClaimedUp() async throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        try #require(bound == 0 && listen(descriptor, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let process = try BaktainerProcess(
            ["run"],
            environment: [
                "BT_BACKUP_DIR": directory, "BT_HTTP_PORT": "\(port)", "BT_HEALTH_BIND": "127.0.0.1", "BT_FILTER_LABEL": "\(TestBed.testLabel)=none",
            ])
        let deadline = ContinuousClock.now + .seconds(60)
        while process.process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        if process.process.isRunning { process.process.terminate() }
        let outcome = try await process.finish()
        #expect(outcome.status != 0)
        #expect(
            outcome.errors.contains("BT_HTTP_PORT") && outcome.errors.contains("127.0.0.1:\(port)") && outcome.errors.contains("in use"), "\(outcome.errors)")
        #expect(!outcome.errors.contains("status server on") && !outcome.errors.contains("errno"), "\(outcome.errors)")
    }
}
