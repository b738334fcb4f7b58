import BaktainerCore
import DockerEngineAPI
import Foundation
import Testing

/// `BackupRunner` against real database servers: dump, restore with the engine's own tools into a fresh
/// container, compare; and the failures that must leave no file behind.
@Suite struct BackupIntegrationTests {
    let client: DockerClient
    let directory: String

    init() async throws {
        client = try await DockerClient.connect()
        directory = "/var/tmp/bt-backup-tests/\(UUID().uuidString.prefix(8))"
    }

    /// Starts a fixture server, waits until it answers, seeds it with `seed` (run with `sh -c` inside).
    private func startDatabase(_ fixture: String, engine: String, environment: [String: String], labels: [String: String] = [:], run: String) async throws
        -> String
    {
        let name = try await TestBed.startContainer(fixture: fixture, labels: labels, environment: environment, runID: run)
        try await TestBed.waitReady(name, engine: engine)
        return name
    }

    private func resolve(_ container: String) async throws -> BackupTarget {
        let details = try await DockerRuntime(client: client).inspect(container)
        return try await TargetResolver().resolve(details) { path in try await TestBed.docker(["exec", container, "cat", path]) }.get()
    }

    private func backUp(_ target: BackupTarget) async -> Result<BackupRecord, BackupFailure> {
        await LocalBackups(client: client, root: directory).run(target)
    }

    /// Every file under the backup directory.
    private func files() -> [String] {
        (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).filter { !$0.hasSuffix("/") && $0.contains(".") }
    }

    @Test func postgresRoundTripWithCredentialsFromTheImageEnvironment() async throws {
        try await TestBed.withRun { run in
            let env = ["POSTGRES_PASSWORD": "pg-\(run)-secret", "POSTGRES_USER": "app", "POSTGRES_DB": "shop"]
            let source = try await startDatabase(
                "postgres", engine: "postgres", environment: env, labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], run: run)
            let seed = "create table items(id int primary key, name text); insert into items select g, 'item ' || g from generate_series(1, 5000) g;"
            try await TestBed.docker([
                "exec", "-e", "PGPASSWORD=\(env["POSTGRES_PASSWORD"]!)", source, "psql", "-v", "ON_ERROR_STOP=1", "-U", "app", "-d", "shop", "-qc", seed,
            ])
            let record = try await backUp(try await resolve(source)).get()
            #expect(record.file.hasSuffix(".sql"))
            #expect(record.tableCounts == ["public.items": 5000], "rows counted right after the dump, for restore tests")
            let sum = try String(contentsOfFile: record.file + ".sha256", encoding: .utf8)
            #expect(sum.hasPrefix(record.sha256 + "  "))

            let target = try await startDatabase("postgres", engine: "postgres", environment: env, run: run)
            let dump = try Data(contentsOf: URL(fileURLWithPath: record.file))
            try await TestBed.docker(
                ["exec", "-i", "-e", "PGPASSWORD=\(env["POSTGRES_PASSWORD"]!)", target, "psql", "-v", "ON_ERROR_STOP=1", "-U", "app", "-d", "shop", "-q"],
                stdin: dump)
            let query = "select count(*), sum(id), md5(string_agg(name, ',' order by id)) from items"
            let original = try await TestBed.docker([
                "exec", "-e", "PGPASSWORD=\(env["POSTGRES_PASSWORD"]!)", source, "psql", "-U", "app", "-d", "shop", "-tAc", query,
            ])
            let restored = try await TestBed.docker([
                "exec", "-e", "PGPASSWORD=\(env["POSTGRES_PASSWORD"]!)", target, "psql", "-U", "app", "-d", "shop", "-tAc", query,
            ])
            #expect(original == restored)
            #expect(original.hasPrefix("5000|"))
        }
    }

    @Test(arguments: ["mariadb", "mariadb11", "mysql"])
    func mysqlFamilyRoundTripWithRootPasswordFromTheImageEnvironment(fixture: String) async throws {
        try await TestBed.withRun { run in
            let password = "root-\(run)-secret"
            let env = ["MARIADB_ROOT_PASSWORD": password, "MARIADB_DATABASE": "shop"]
            let engine = fixture == "mysql" ? "mysql" : "mariadb"
            let source = try await startDatabase(
                fixture, engine: engine, environment: env, labels: ["baktainer.backup": "true", "baktainer.db.engine": engine], run: run)
            let client = fixture == "mariadb11" ? "mariadb" : "mysql"
            let seed = "create table items(id int primary key, name text); insert into items select seq, concat('item ', seq) from seq_1_to_3000;"
            try await TestBed.docker(["exec", "-e", "MYSQL_PWD=\(password)", source, client, "-uroot", "shop", "-e", seed])
            let record = try await backUp(try await resolve(source)).get()
            #expect(record.tableCounts == ["shop.items": 3000], "rows counted right after the dump, for restore tests")

            let target = try await startDatabase(fixture, engine: engine, environment: ["MARIADB_ROOT_PASSWORD": password], run: run)
            try await TestBed.docker(
                ["exec", "-i", "-e", "MYSQL_PWD=\(password)", target, client, "-uroot"], stdin: try Data(contentsOf: URL(fileURLWithPath: record.file)))
            let query = "select count(*), sum(id), md5(group_concat(name order by id)) from shop.items"
            let original = try await TestBed.docker(["exec", "-e", "MYSQL_PWD=\(password)", source, client, "-uroot", "-N", "-e", query])
            let restored = try await TestBed.docker(["exec", "-e", "MYSQL_PWD=\(password)", target, client, "-uroot", "-N", "-e", query])
            #expect(original == restored)
            #expect(original.hasPrefix("3000\t"))
            // The option file holding the password is gone from the source container.
            let leftovers = try await TestBed.docker(["exec", source, "sh", "-c", "grep -l '^password=' /tmp/* 2>/dev/null || true"])
            #expect(leftovers.isEmpty)
        }
    }

    @Test func sqliteRoundTrip() async throws {
        try await TestBed.withRun { run in
            let source = try await TestBed.startContainer(
                fixture: "sqlite", labels: ["baktainer.backup": "true", "baktainer.db.engine": "sqlite", "baktainer.db.name": "/data/app.db"], runID: run)
            try await TestBed.docker([
                "exec", source, "sqlite3", "/data/app.db",
                "create table t(id integer primary key, v text); insert into t(v) select 'v' || value from generate_series(1, 2000);",
            ])
            let record = try await backUp(try await resolve(source)).get()
            let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: record.file)).read(upToCount: 15)
            #expect(header == Data("SQLite format 3".utf8))
            let count = try await TestBed.docker([
                "run", "--rm", "--network", "none", "-v", "\(record.file):/restore.db:ro", "baktainer-fixture/sqlite:current", "sqlite3", "/restore.db",
                "select count(*), sum(id) from t",
            ])
            #expect(count == "2000|2001000")
        }
    }

    @Test func redisSnapshotWithPasswordFromTheImageEnvironment() async throws {
        try await TestBed.withRun { run in
            let source = try await startDatabase(
                "redis", engine: "redis", environment: ["REDIS_PASSWORD": "redis-\(run)"],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "redis"], run: run)
            try await TestBed.docker(["exec", "-e", "REDISCLI_AUTH=redis-\(run)", source, "redis-cli", "set", "greeting", "hello-\(run)"])
            let record = try await backUp(try await resolve(source)).get()
            let bytes = try Data(contentsOf: URL(fileURLWithPath: record.file))
            #expect(bytes.prefix(5) == Data("REDIS".utf8))
            #expect(bytes.range(of: Data("hello-\(run)".utf8)) != nil)
        }
    }

    @Test func dumpOfAMissingDatabaseLeavesNoFileAndSaysWhy() async throws {
        try await TestBed.withRun { run in
            let source = try await startDatabase(
                "postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": "right-\(run)"],
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"], run: run)
            var target = try await resolve(source)
            target.database = "no_such_database"
            let outcome = await backUp(target)
            guard case .failure(let failure) = outcome else {
                Issue.record("a failing dump was kept")
                return
            }
            #expect(failure.code == .dumpFailed)
            #expect(failure.message.contains("no_such_database"))
            #expect(!failure.message.contains("right-\(run)"))
            #expect(files().isEmpty)
        }
    }

    @Test func dumpThatWritesOutputAndThenExitsOneLeavesNoFile() async throws {
        try await TestBed.withRun { run in
            let source = try await TestBed.startContainer(
                fixture: "mongo-standin",
                environment: ["MONGO_STANDIN_BYTES": "\(5 << 20)", "MONGO_STANDIN_EXIT": "1", "MONGO_STANDIN_STDERR": "Failed: lost connection"],
                runID: run)
            let outcome = await backUp(BackupTarget(containerID: source, containerName: source, engine: MongoEngine(), password: Secret("mongo-\(run)")))
            guard case .failure(let failure) = outcome else {
                Issue.record("a failing dump was kept")
                return
            }
            #expect(failure.code == .dumpFailed)
            #expect(failure.message.contains("exited 1"))
            #expect(files().isEmpty, "left behind: \(files())")
        }
    }

    @Test func killedContainerMidDumpLeavesNoFileAndNamesTheContainer() async throws {
        try await TestBed.withRun { run in
            let source = try await TestBed.startContainer(
                fixture: "mongo-standin", environment: ["MONGO_STANDIN_BYTES": "\(200 << 20)", "MONGO_STANDIN_SLEEP": "3"], runID: run)
            let target = BackupTarget(containerID: source, containerName: source, engine: MongoEngine())
            async let outcome = backUp(target)
            try await Task.sleep(for: .seconds(1))
            try await TestBed.docker(["kill", source])
            guard case .failure(let failure) = await outcome else {
                Issue.record("a killed dump was kept")
                return
            }
            #expect(failure.container == source)
            #expect(files().isEmpty, "left behind: \(files())")
        }
    }

    @Test func postgresAllDatabasesWithPasswordFromAFileLabel() async throws {
        try await TestBed.withRun { run in
            let password = "file-\(run)-secret"
            let source = try await startDatabase(
                "postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": password],
                labels: [
                    "baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.all": "true", "baktainer.db.password_file": "/tmp/pgpass",
                ],
                run: run)
            try await TestBed.docker(["exec", source, "sh", "-c", "printf '%s\\n' \"$0\" > /tmp/pgpass", password])
            try await TestBed.docker([
                "exec", "-e", "PGPASSWORD=\(password)", source, "psql", "-U", "postgres", "-q", "-c", "create database second", "-c",
                "create role reader login password 'r'",
            ])
            let target = try await resolve(source)
            #expect(target.password == Secret(password), "the password was not read from /tmp/pgpass")
            let record = try await backUp(target).get()
            let dump = try String(contentsOfFile: record.file, encoding: .utf8)
            #expect(dump.contains("CREATE DATABASE second"))
            #expect(dump.contains("CREATE ROLE reader"))
            #expect(dump.contains("PostgreSQL database cluster dump complete"))
        }
    }

    @Test func passwordIsInNoProcessArgumentsWhileADumpRuns() async throws {
        try await TestBed.withRun { run in
            let password = "argv-\(run)-secret"
            // The dump lasts 30 s: under a full run on two cores one `docker exec` of the poll can take seconds.
            let source = try await TestBed.startContainer(fixture: "mongo-standin", environment: ["MONGO_STANDIN_SLEEP": "30"], runID: run)
            let target = BackupTarget(containerID: source, containerName: source, engine: MongoEngine(), user: "backup", password: Secret(password))
            async let outcome = backUp(target)
            var sawDump = false
            var polls = 0
            while !sawDump && polls < 600 {  // a hang guard: under a full run the dump may start seconds late
                let commandLines = try await TestBed.processCommandLines(in: source)
                let leaked = commandLines.filter { $0.contains(password) }
                #expect(leaked.isEmpty, "password in argv: \(leaked)")
                sawDump = commandLines.contains { $0.contains("mongodump") }
                polls += 1
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(sawDump, "the dump was never seen running")
            _ = try await outcome.get()
            let recorded = try await TestBed.docker(["exec", source, "cat", "/tmp/mongodump.args"]).split(separator: "\n").map(String.init)
            #expect(!recorded.joined().contains(password))
            #expect(recorded.count == 5 && recorded[0] == "--archive" && recorded[4] == "--- end of call ---", "\(recorded)")
            let config = try #require(recorded.first { $0.hasPrefix("--config=") }).dropFirst("--config=".count)
            #expect(Array(recorded[2...3]) == ["--username=backup", "--authenticationDatabase=admin"])
            let leftover = try await TestBed.docker(["exec", source, "sh", "-c", "ls \"$0\" 2>/dev/null || true", String(config)])
            #expect(leftover.isEmpty, "the credentials file \(config) was left behind")
            let environmentNames = try await TestBed.docker(["exec", source, "cat", "/tmp/mongodump.env-names"])
            #expect(!environmentNames.contains("BAKTAINER_DB_PASSWORD"))
        }
    }

    @Test func customEngineRunsAnAllowListedArgvWithThePasswordInTheToolsVariable() async throws {
        try await TestBed.withRun { run in
            let password = "custom-\(run)-secret"
            let source = try await startDatabase(
                "postgres", engine: "postgres", environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"],
                labels: [
                    "baktainer.backup": "true", "baktainer.db.engine": "custom", "baktainer.db.password": password,
                    "baktainer.command": #"["pg_dump", "--format=custom", "--username=app", "--no-password", "shop"]"#,
                ],
                run: run)
            try await TestBed.docker([
                "exec", "-e", "PGPASSWORD=\(password)", source, "psql", "-U", "app", "-d", "shop", "-qc",
                "create table items(id int); insert into items values (1), (2)",
            ])
            let record = try await backUp(try await resolve(source)).get()
            #expect(record.file.hasSuffix(".dump") && record.engine == "custom")
            let dump = try Data(contentsOf: URL(fileURLWithPath: record.file))
            #expect(dump.prefix(5) == Data("PGDMP".utf8))
            let listing = try await TestBed.docker(["exec", "-i", source, "pg_restore", "--list"], stdin: dump)
            #expect(listing.contains("TABLE DATA public items"))
        }
    }

    @Test func labelWithShellMetacharactersRunsNothing() async throws {
        try await TestBed.withRun { run in
            let source = try await startDatabase(
                "mariadb", engine: "mariadb", environment: ["MARIADB_ROOT_PASSWORD": "root-\(run)"],
                labels: [
                    "baktainer.backup": "true", "baktainer.db.engine": "mariadb", "baktainer.db.name": "shop; touch /tmp/pwned; echo $(touch /tmp/pwned2)",
                ],
                run: run)
            let outcome = await backUp(try await resolve(source))
            guard case .failure = outcome else {
                Issue.record("a dump of a missing database was kept")
                return
            }
            let pwned = try await TestBed.docker(["exec", source, "sh", "-c", "ls /tmp/pwned /tmp/pwned2 2>/dev/null || true"])
            #expect(pwned.isEmpty)
            #expect(files().isEmpty)
        }
    }
}
