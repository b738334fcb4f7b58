import BaktainerCore
import Foundation
import Testing

/// `baktainer restore` and `baktainer verify` as a user runs them, against real database servers: back up,
/// change the data, restore, compare with the moment of the backup.
@Suite struct RestoreCommandIntegrationTests {
    /// A fresh backup directory per test.
    let directory = "/var/tmp/bt-restore-tests/\(UUID().uuidString.prefix(8))"

    private func waitReady(_ name: String, engine: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        process.arguments = [root.appendingPathComponent("scripts/testbed-wait.sh").path, name, engine, "90"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        guard process.terminationStatus == 0 else { throw TestBedError("\(name) did not become ready") }
    }

    private func start(_ fixture: String, engine: String, environment: [String: String], labels: [String: String] = [:], run: String) async throws -> String {
        let name = try await TestBed.startContainer(fixture: fixture, labels: labels, environment: environment, runID: run)
        try await waitReady(name, engine: engine)
        return name
    }

    /// Backs `container` up with the binary and returns the file it wrote.
    private func backUp(_ container: String, environment: [String: String] = [:]) async throws -> String {
        let result = try await BaktainerProcess.run(["backup", container], environment: ["BT_BACKUP_DIR": directory].merging(environment) { $1 })
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        let row = try #require(
            result.output.split(separator: "\n").first { $0.hasPrefix(container) && $0.contains(" ok ") }, "\(result.output)\(result.errors)")
        return try #require(row.split(separator: " ").last.map(String.init))
    }

    private func restore(_ arguments: [String], environment: [String: String] = [:]) async throws -> BaktainerProcess.Outcome {
        try await BaktainerProcess.run(["restore"] + arguments, environment: ["BT_BACKUP_DIR": directory].merging(environment) { $1 })
    }

    private func psql(_ container: String, _ password: String, _ sql: String, database: String = "shop") async throws -> String {
        try await TestBed.docker([
            "exec", "-e", "PGPASSWORD=\(password)", container, "psql", "-X", "-v", "ON_ERROR_STOP=1", "-U", "app", "-d", database, "-tAc", sql,
        ])
    }

    @Test func postgresRoundTripRefusesATableFullDatabaseWithoutYes() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let env = ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"]
            let source = try await start(
                "postgres", engine: "postgres", environment: env, labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], run: run)
            _ = try await psql(
                source, password, "create table items(id int primary key, name text); insert into items select g, 'item ' || g from generate_series(1, 5000) g;"
            )
            let query = "select count(*), sum(id), md5(string_agg(name, ',' order by id)) from items"
            let original = try await psql(source, password, query)
            let file = try await backUp(source)

            _ = try await psql(source, password, "delete from items where id > 100; update items set name = 'changed'; create table later(id int);")
            #expect(try await psql(source, password, query) != original)

            let dryRun = try await restore([file, "--to", source, "--dry-run"])
            #expect(dryRun.status == 0, "\(dryRun.output)\(dryRun.errors)")
            #expect(dryRun.output.contains("PGPASSWORD=•••••• psql") && !dryRun.output.contains(password) && !dryRun.errors.contains(password))
            #expect(try await psql(source, password, "select count(*) from items") == "100", "the dry run wrote something")

            let refused = try await restore([file, "--to", source])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("database 'shop' already holds 2 tables") && refused.errors.contains("--yes"), "\(refused.errors)")
            #expect(try await psql(source, password, "select count(*) from items") == "100")

            let restored = try await restore([file, "--to", source, "--yes"])
            #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
            #expect(try await psql(source, password, query) == original)
            #expect(!restored.output.contains(password) && !restored.errors.contains(password))
        }
    }

    @Test func postgresLatestBackupIntoAFreshContainerWithCreate() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let env = ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"]
            let source = try await start(
                "postgres", engine: "postgres", environment: env,
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.name": "shop-\(run)"], run: run)
            _ = try await psql(source, password, "create table items(id int primary key); insert into items select generate_series(1, 1234);")
            _ = try await backUp(source)
            let fresh = try await start("postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app"], run: run)

            let missing = try await restore(["shop-\(run)", "--latest", "--to", fresh])
            #expect(missing.status != 0)
            #expect(missing.errors.contains("database 'shop' does not exist") && missing.errors.contains("--create"), "\(missing.errors)")
            // With --yes nothing is checked first: psql fails to open the database, and the check then says why.
            let missingWithYes = try await restore(["shop-\(run)", "--latest", "--to", fresh, "--yes"])
            #expect(missingWithYes.status != 0)
            #expect(
                missingWithYes.errors.contains("database 'shop' does not exist") && missingWithYes.errors.contains("--create"), "\(missingWithYes.errors)")

            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let restored = try await restore(["shop-\(run)", "--date", today, "--to", fresh, "--create"])
            #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
            #expect(try await psql(fresh, password, "select count(*), sum(id) from items") == "1234|761995")

            let none = try await restore(["shop-\(run)", "--date", "2001-01-01", "--to", fresh])
            #expect(none.status != 0 && none.errors.contains("no backup of 'shop-\(run)' on 2001-01-01"))
        }
    }

    @Test func postgresAllDatabasesDumpRestoresDatabasesAndRolesIntoAFreshServer() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let env = ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"]
            let source = try await start(
                "postgres", engine: "postgres", environment: env,
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.all": "true"], run: run)
            _ = try await psql(source, password, "create database ledger")
            _ = try await psql(source, password, "create role auditor login password 'a'")
            _ = try await psql(source, password, "create table entries(id int); insert into entries select generate_series(1, 321);", database: "ledger")
            _ = try await psql(source, password, "create table items(id int); insert into items select generate_series(1, 12);")
            let file = try await backUp(source)
            let fresh = try await start("postgres", engine: "postgres", environment: env, run: run)

            let restored = try await restore([file, "--to", fresh, "--yes"])
            #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
            #expect(try await psql(fresh, password, "select count(*), sum(id) from entries", database: "ledger") == "321|51681")
            #expect(try await psql(fresh, password, "select count(*) from items") == "12")
            #expect(try await psql(fresh, password, "select rolname from pg_roles where rolname = 'auditor'") == "auditor")
        }
    }

    @Test func postgresRoundTripThroughZstdAndAge() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let env = ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"]
            let source = try await start(
                "postgres", engine: "postgres", environment: env, labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], run: run)
            _ = try await psql(
                source, password,
                "create table items(id int primary key, name text); insert into items select g, repeat('x', g % 50) from generate_series(1, 20000) g;")
            let query = "select count(*), md5(string_agg(name, ',' order by id)) from items"
            let original = try await psql(source, password, query)
            let key = AgeKeyPair.generate()
            let file = try await backUp(source, environment: ["BT_COMPRESS": "zstd", "BT_AGE_RECIPIENTS": key.recipientString])
            #expect(file.hasSuffix(".sql.zst.age"))
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let identityFile = "\(directory)/identity.txt"
            try Data(key.keygenText().utf8).write(to: URL(fileURLWithPath: identityFile))
            _ = try await psql(source, password, "drop table items")

            let noKey = try await restore([file, "--to", source])
            #expect(noKey.status != 0 && noKey.errors.contains("BT_AGE_IDENTITY_FILE"), "\(noKey.errors)")
            let wrongKeyFile = "\(directory)/other.txt"
            try Data(AgeKeyPair.generate().keygenText().utf8).write(to: URL(fileURLWithPath: wrongKeyFile))
            let wrongKey = try await BaktainerProcess.run(["verify", file], environment: ["BT_AGE_IDENTITY_FILE": wrongKeyFile])
            #expect(wrongKey.status == 1 && wrongKey.output.contains("wrong_key"), "\(wrongKey.output)")

            let restored = try await restore([file, "--to", source], environment: ["BT_AGE_IDENTITY_FILE": identityFile])
            #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
            #expect(try await psql(source, password, query) == original)
        }
    }

    @Test func failedPostgresRestoreNamesTheLineAndRollsBack() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let target = try await start(
                "postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], run: run)
            let name = "broken-1795583298.sql"
            let day = "\(directory)/2026-11-25"
            try FileManager.default.createDirectory(atPath: day, withIntermediateDirectories: true)
            let dump =
                "CREATE TABLE t(id int);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES ('not a number');\n--\n-- PostgreSQL database dump complete\n--\n"
            try Self.writeBackup(Data(dump.utf8), path: "\(day)/\(name)", container: target, engine: "postgres", database: "shop")
            let result = try await restore(["\(day)/\(name)", "--to", target])
            #expect(result.status != 0)
            #expect(result.errors.contains("psql exited 3") && result.errors.contains("<stdin>:3: ERROR"), "\(result.errors)")
            #expect(try await psql(target, password, "select count(*) from pg_tables where tablename = 't'") == "0", "not rolled back")
        }
    }

    @Test func failedMariadbRestoreNamesTheLine() async throws {
        try await TestBed.withRun { run in
            let password = "root-\(run)-secret"
            let target = try await start("mariadb", engine: "mariadb", environment: ["MARIADB_ROOT_PASSWORD": password, "MARIADB_DATABASE": "shop"], run: run)
            let day = "\(directory)/2026-11-25"
            try FileManager.default.createDirectory(atPath: day, withIntermediateDirectories: true)
            let path = "\(day)/broken-1795583298.sql"
            let dump = "USE `shop`;\nCREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (1,,2);\n-- Dump completed on 2026-11-25\n"
            try Self.writeBackup(Data(dump.utf8), path: path, container: target, engine: "mariadb", database: "shop")
            let result = try await restore([path, "--to", target])
            #expect(result.status != 0)
            #expect(result.errors.contains("mariadb restore exited 1") && result.errors.contains("at line 4"), "\(result.errors)")
            #expect(!result.errors.contains(password))
        }
    }

    @Test(arguments: ["mariadb", "mysql"])
    func mysqlFamilyRoundTrip(fixture: String) async throws {
        try await TestBed.withRun { run in
            let password = "root-\(run)-secret"
            let engine = fixture
            let source = try await start(
                fixture, engine: engine, environment: ["MARIADB_ROOT_PASSWORD": password, "MARIADB_DATABASE": "shop"],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": engine], run: run)
            let client = "mysql"
            func sql(_ container: String, _ statement: String) async throws -> String {
                try await TestBed.docker(["exec", "-e", "MYSQL_PWD=\(password)", container, client, "-uroot", "-N", "shop", "-e", statement])
            }
            _ = try await sql(
                source, "create table items(id int primary key, name text); insert into items select seq, concat('item ', seq) from seq_1_to_3000;")
            let query = "select count(*), sum(id), md5(group_concat(name order by id)) from shop.items"
            let original = try await sql(source, query)
            let file = try await backUp(source)
            _ = try await sql(source, "delete from items where id > 10; update items set name = 'x';")

            let refused = try await restore([file, "--to", source])
            #expect(refused.status != 0 && refused.errors.contains("already holds 1 table;"), "\(refused.errors)")
            let restored = try await restore([file, "--to", source, "--yes"])
            #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
            #expect(try await sql(source, query) == original)
            #expect(!restored.errors.contains(password))

            // Into a fresh server: the dump creates its database itself.
            let fresh = try await start(fixture, engine: engine, environment: ["MARIADB_ROOT_PASSWORD": password], run: run)
            let intoFresh = try await restore([file, "--to", fresh])
            #expect(intoFresh.status == 0, "\(intoFresh.output)\(intoFresh.errors)")
            #expect(try await sql(fresh, query) == original)
            let leftovers = try await TestBed.docker(["exec", fresh, "sh", "-c", "grep -l '^password=' /tmp/* 2>/dev/null || true"])
            #expect(leftovers.isEmpty, "the option file was left behind")
        }
    }

    @Test func sqliteRoundTripRefusesAnOpenDatabaseUnlessForced() async throws {
        try await TestBed.withRun { run in
            let source = try await TestBed.startContainer(
                fixture: "sqlite", labels: ["baktainer.backup": "true", "baktainer.db.engine": "sqlite", "baktainer.db.name": "/data/app.db"], runID: run)
            try await TestBed.docker([
                "exec", source, "sqlite3", "/data/app.db",
                "create table t(id integer primary key, v text); insert into t(v) select 'v' || value from generate_series(1, 2000);",
            ])
            let file = try await backUp(source)
            try await TestBed.docker(["exec", source, "sqlite3", "/data/app.db", "delete from t where id > 5; create table u(x);"])

            let restored = try await restore([file, "--to", source, "--yes"])
            #expect(restored.status == 0, "\(restored.output)\(restored.errors)")
            #expect(
                try await TestBed.docker([
                    "exec", source, "sqlite3", "/data/app.db", "select count(*), sum(id) from t; select count(*) from sqlite_master where name = 'u'",
                ]) == "2000|2001000\n0")

            // A process holding the file open blocks the swap.
            try await TestBed.docker(["exec", "-d", source, "sh", "-c", "exec 3</data/app.db; sleep 300"])
            var holder = ""
            for _ in 0..<100 where holder.isEmpty {
                holder = try await TestBed.docker([
                    "exec", source, "sh", "-c", "for f in /proc/[0-9]*/fd/*; do [ \"$(readlink $f)\" = /data/app.db ] && echo $f; done; true",
                ])
            }
            #expect(!holder.isEmpty, "no process holds the database open")
            let refused = try await restore([file, "--to", source, "--yes"])
            #expect(refused.status != 0)
            #expect(refused.errors.contains("is open by process") && refused.errors.contains("--force"), "\(refused.errors)")
            let forced = try await restore([file, "--to", source, "--yes", "--force"])
            #expect(forced.status == 0, "\(forced.output)\(forced.errors)")
            let leftovers = try await TestBed.docker(["exec", source, "sh", "-c", "ls -a /data | grep baktainer-restore || true"])
            #expect(leftovers.isEmpty)
        }
    }

    @Test func redisRestoreNeedsForceThenReplacesTheSnapshot() async throws {
        try await TestBed.withRun { run in
            let password = "redis-\(run)"
            let source = try await start(
                "redis", engine: "redis", environment: ["REDIS_PASSWORD": password], labels: ["baktainer.backup": "true", "baktainer.db.engine": "redis"],
                run: run)
            func cli(_ arguments: String...) async throws -> String {
                try await TestBed.docker(["exec", "-e", "REDISCLI_AUTH=\(password)", source, "redis-cli", "--no-auth-warning"] + arguments)
            }
            _ = try await cli("set", "greeting", "hello-\(run)")
            let file = try await backUp(source)
            _ = try await cli("set", "greeting", "changed")
            _ = try await cli("set", "other", "new")

            let refused = try await restore([file, "--to", source])
            #expect(refused.status != 0 && refused.errors.contains("--force") && refused.errors.contains("CONFIG GET dir"), "\(refused.errors)")
            let forced = try await restore([file, "--to", source, "--force"])
            #expect(forced.status == 0, "\(forced.output)\(forced.errors)")
            try await waitReady(source, engine: "redis")
            var answer = ""
            for _ in 0..<100 where answer != "hello-\(run)" {
                answer = (try? await cli("get", "greeting")) ?? ""
                if answer != "hello-\(run)" { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(answer == "hello-\(run)")
            #expect(try await cli("exists", "other") == "0")
        }
    }

    @Test func mongodbRestoreThroughTheStandInGetsTheExactArchiveWithThePasswordOffArgv() async throws {
        try await TestBed.withRun { run in
            let password = "mongo-\(run)-secret"
            let source = try await TestBed.startContainer(
                fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb", "baktainer.db.name": "shop"],
                environment: ["MONGO_INITDB_ROOT_USERNAME": "root", "MONGO_INITDB_ROOT_PASSWORD": password, "MONGO_STANDIN_BYTES": "300000"],
                runID: run)
            let file = try await backUp(source, environment: ["BT_COMPRESS": "zstd"])
            let outcome = try await restore([file, "--to", source, "--yes"])
            #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
            let restored = try await TestBed.tool("/usr/bin/docker", ["exec", source, "cat", "/tmp/mongorestore.archive"]).data
            #expect(restored == Data("mongodump-standin-archive\n".utf8) + Data(count: 300_000), "mongorestore got \(restored.count) bytes")
            let arguments = try await TestBed.docker(["exec", source, "cat", "/tmp/mongorestore.args"])
            #expect(arguments.contains("--archive") && arguments.contains("--drop") && arguments.contains("--username=root"))
            #expect(arguments.contains("--nsInclude=shop.*") && arguments.contains("--config=/tmp/"), "\(arguments)")
            #expect(!arguments.contains(password))
            #expect(try await TestBed.docker(["exec", source, "cat", "/tmp/mongorestore.config-seen"]) == "readable")
            // The 0600 config file holding the password is gone after the restore.
            #expect(try await TestBed.docker(["exec", source, "sh", "-c", "grep -l '^password:' /tmp/* 2>/dev/null || true"]).isEmpty)
            #expect(!outcome.output.contains(password) && !outcome.errors.contains(password))
        }
    }

    @Test func verifyPassesGoodBackupsAndNamesEachBadOne() async throws {
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let source = try await start(
                "postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], run: run)
            _ = try await psql(source, password, "create table items(id int); insert into items select generate_series(1, 20000);")
            let file = try await backUp(source)
            let good = try await BaktainerProcess.run(["verify", "--all"], environment: ["BT_BACKUP_DIR": directory])
            #expect(good.status == 0, "\(good.output)\(good.errors)")
            #expect(good.output.contains(file) && good.output.contains("postgres dump complete"))

            // Copies with each kind of damage, in the same directory.
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            let stem = file.replacing(".sql", with: "")
            func copy(_ suffix: String, _ content: Data, sidecar: Bool = true) throws -> String {
                let path = "\(stem)\(suffix).sql"
                let name = URL(fileURLWithPath: path).lastPathComponent
                try content.write(to: URL(fileURLWithPath: path))
                let originalName = URL(fileURLWithPath: file).lastPathComponent
                let sum = try String(contentsOfFile: file + ".sha256", encoding: .utf8).replacing(originalName, with: name)
                if sidecar { try Data(sum.utf8).write(to: URL(fileURLWithPath: path + ".sha256")) }
                let record = try String(contentsOfFile: file + ".json", encoding: .utf8).replacing(originalName, with: name)
                try Data(record.utf8).write(to: URL(fileURLWithPath: path + ".json"))
                return path
            }
            var flipped = bytes
            flipped[flipped.count / 2] ^= 0x20
            let flippedPath = try copy("1", flipped)
            let cutPath = try copy("2", bytes.prefix(bytes.count / 2))
            let unsummed = try copy("3", bytes, sidecar: false)
            let bad = try await BaktainerProcess.run(["verify", "--all"], environment: ["BT_BACKUP_DIR": directory])
            #expect(bad.status == 1)
            for (path, code) in [(flippedPath, "checksum_mismatch"), (cutPath, "truncated"), (unsummed, "missing_sidecar")] {
                let row = try #require(bad.output.split(separator: "\n").first { $0.hasPrefix(path) }, "\(bad.output)")
                #expect(row.contains(code), "\(row)")
                #expect(bad.errors.contains("bad: \(path): "))
            }
            #expect(!bad.errors.contains("bad: \(file): "))
            let restoreBad = try await restore([flippedPath, "--to", source, "--yes"])
            #expect(
                restoreBad.status != 0 && restoreBad.errors.contains("checksum mismatch") && restoreBad.errors.contains("nothing was restored"),
                "\(restoreBad.errors)")
            // Checked as it streamed: the dump's DROP TABLE ran inside the transaction, which was rolled back.
            #expect(try await psql(source, password, "select count(*) from items") == "20000", "the damaged dump was committed")
        }
    }

    /// Writes `content` as a backup at `path` with its sidecars, as BackupRunner would.
    static func writeBackup(_ content: Data, path: String, container: String, engine: String, database: String?) throws {
        try content.write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let checksum = text.split(separator: " ").first.map(String.init) ?? ""
        let name = URL(fileURLWithPath: path).lastPathComponent
        try Data("\(checksum)  \(name)\n".utf8).write(to: URL(fileURLWithPath: path + ".sha256"))
        var record: [String: Any] = [
            "container": container, "engine": engine, "file": path, "size": content.count, "sha256": checksum, "durationSeconds": 1,
            "exitCode": 0, "startedAt": 1_795_583_298, "baktainerVersion": "test",
        ]
        if let database { record["database"] = database }
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: path + ".json"))
    }
}
