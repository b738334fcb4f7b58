import BaktainerCore
import Testing

/// The restore side of each engine: exact argv, stdin attached, the password only in the environment.
@Suite struct RestoreCommandTests {
    static let password = "p@ss; touch /tmp/pwned 'x'"
    let registry = EngineRegistry()

    private func target(_ engine: String, database: String? = "shop", user: String? = "app", all: Bool = false) -> BackupTarget {
        BackupTarget(
            containerID: "abc", containerName: "shop-db", engine: EngineRegistry().engine(named: engine)!, database: database, user: user,
            password: Secret(Self.password),
            allDatabases: all)
    }

    @Test(arguments: ["postgres", "mysql", "mariadb", "sqlite", "redis", "mongodb"])
    func passwordNeverAppearsInAnyRestoreArgv(engine: String) throws {
        let database = engine == "sqlite" ? "/data/app.db" : "shop"
        let engineValue = try #require(registry.engine(named: engine))
        let target = target(engine, database: database)
        let restore = try engineValue.restoreCommand(for: target, force: true)
        #expect(restore.attachStdin)
        var commands = [restore]
        if let probe = engineValue.contentProbeCommand(for: target) { commands.append(probe) }
        if let create = engineValue.createDatabaseCommand(for: target) { commands.append(create) }
        for command in commands {
            #expect(!command.arguments.joined(separator: " ").contains("p@ss"), "\(command.arguments)")
        }
        if engine != "sqlite" {
            #expect(restore.environment.values.contains(Self.password))
        }
    }

    @Test func postgresRestoresOneDatabaseInOneTransactionStoppingAtTheFirstError() throws {
        let command = try PostgresEngine().restoreCommand(for: target("postgres"), force: false)
        #expect(
            command.arguments == [
                "psql", "--username=app", "--no-password", "--no-psqlrc", "--quiet", "--file=-", "--set=ON_ERROR_STOP=1", "--dbname=shop",
            ])
        #expect(command.environment == ["PGPASSWORD": Self.password])
        // The transaction is fed on stdin, so that an input cut short ends without COMMIT (psql's own
        // --single-transaction commits at end of input).
        #expect(PostgresEngine().restoreTransaction(for: target("postgres")) == RestoreTransaction(begin: "BEGIN;", commit: "COMMIT;"))
    }

    @Test func postgresClusterDumpRunsWithoutOneTransaction() throws {
        let command = try PostgresEngine().restoreCommand(for: target("postgres", database: nil, all: true), force: false)
        #expect(command.arguments == ["psql", "--username=app", "--no-password", "--no-psqlrc", "--quiet", "--file=-", "--dbname=postgres"])
        #expect(PostgresEngine().createDatabaseCommand(for: target("postgres", database: nil, all: true)) == nil)
        #expect(PostgresEngine().restoreTransaction(for: target("postgres", database: nil, all: true)) == nil)
        #expect(MySQLEngine(identifier: "mariadb").restoreTransaction(for: target("mariadb")) == nil, "a MySQL dump's DDL commits as it goes")
    }

    @Test func postgresProbeAndCreatePassTheNameAsAPositionalParameter() throws {
        let hostile = "shop\"; DROP DATABASE x; --"
        let probe = try #require(PostgresEngine().contentProbeCommand(for: target("postgres", database: hostile)))
        #expect(Array(probe.arguments.prefix(2)) == ["sh", "-c"] && Array(probe.arguments.suffix(2)) == [hostile, "app"])
        #expect(!probe.arguments[2].contains(hostile))
        let create = try #require(PostgresEngine().createDatabaseCommand(for: target("postgres", database: hostile)))
        #expect(create.arguments[2].contains(#"CREATE DATABASE :"db";"#))
        #expect(Array(create.arguments.suffix(2)) == [hostile, "app"])
    }

    @Test(arguments: ["mysql", "mariadb"])
    func mysqlFamilyRestoresThroughAnOptionFile(engine: String) throws {
        let engineValue = try #require(registry.engine(named: engine))
        let command = try engineValue.restoreCommand(for: target(engine), force: false)
        #expect(Array(command.arguments.prefix(2)) == ["sh", "-c"])
        #expect(Array(command.arguments.suffix(2)) == ["baktainer-\(engine)-restore", "restore"])
        #expect(command.arguments[2].contains(#""$tool" --defaults-extra-file="$f" --batch"#))
        #expect(command.arguments[2].contains("trap 'rm -f \"$f\"' EXIT"))
        #expect(command.environment == ["BAKTAINER_DB_USER": "app", "BAKTAINER_DB_PASSWORD": Self.password])
        #expect(engineValue.createDatabaseCommand(for: target(engine)) == nil, "a --databases dump creates its database")
        let probe = try #require(engineValue.contentProbeCommand(for: target(engine)))
        #expect(Array(probe.arguments.suffix(2)) == ["probe", "shop"])
    }

    @Test func sqliteRestoreRefusesAnOpenDatabaseUnlessForced() throws {
        let engine = SQLiteEngine()
        let plain = try engine.restoreCommand(for: target("sqlite", database: "/data/app.db"), force: false)
        #expect(Array(plain.arguments.suffix(3)) == ["baktainer-sqlite-restore", "/data/app.db", ""])
        #expect(plain.arguments[2].contains("PRAGMA integrity_check") && plain.arguments[2].contains("/proc/[0-9]*/fd/*"))
        #expect(plain.arguments[2].contains(#"mv -f "$new" "$db""#))
        let forced = try engine.restoreCommand(for: target("sqlite", database: "/data/app.db"), force: true)
        #expect(forced.arguments.last == "force")
        #expect(throws: EngineError.self) { try engine.restoreCommand(for: target("sqlite", database: "relative.db"), force: false) }
    }

    @Test func redisRestoreNeedsForceAndExplainsTheManualProcedure() throws {
        let engine = RedisEngine()
        do {
            _ = try engine.restoreCommand(for: target("redis", database: nil), force: false)
            Issue.record("redis restore ran without --force")
        } catch {
            #expect(error.message.contains("--force") && error.message.contains("CONFIG GET dir"))
        }
        let forced = try engine.restoreCommand(for: target("redis", database: nil, user: nil), force: true)
        #expect(forced.environment == ["REDISCLI_AUTH": Self.password])
        #expect(forced.arguments[2].contains(#"CONFIG SET save """#))
        #expect(engine.restoreRestartsContainer)
        #expect(!PostgresEngine().restoreRestartsContainer)
    }

    @Test func mongoRestoreReadsAnArchiveFromStdinAndDropsWhatItReplaces() throws {
        let command = try MongoEngine().restoreCommand(for: target("mongodb"), force: false)
        #expect(Array(command.arguments.suffix(4)) == ["baktainer-mongodb-restore", "--username=app", "--authenticationDatabase=admin", "--nsInclude=shop.*"])
        #expect(command.arguments[2].contains(#"mongorestore --archive --drop "$@"; exit $?"#))
        #expect(MongoEngine().contentProbeCommand(for: target("mongodb")) == nil)
    }

    @Test func customEngineCannotRestore() {
        #expect(throws: EngineError.self) { try CustomEngine().restoreCommand(for: target("custom"), force: true) }
    }

    @Test func dryRunRenderingMasksEveryEnvironmentValue() throws {
        let command = try PostgresEngine().restoreCommand(for: target("postgres"), force: false)
        let rendered = RestorePlan.render(command)
        #expect(rendered.hasPrefix("PGPASSWORD=•••••• psql --username=app"))
        #expect(!rendered.contains("p@ss"))
    }
}
