import BaktainerCore
import Testing

@Suite struct EngineCommandTests {
    static let password = "p@ss; touch /tmp/pwned 'x'"
    let registry = EngineRegistry()

    private func target(_ engine: String, database: String? = "shop", user: String? = "app", all: Bool = false) -> BackupTarget {
        BackupTarget(
            containerID: "abc", containerName: "shop-db", engine: EngineRegistry().engine(named: engine)!, database: database, user: user,
            password: Secret(Self.password),
            allDatabases: all)
    }

    @Test(arguments: ["postgres", "postgresql", "mysql", "mariadb", "sqlite", "redis", "mongodb"])
    func passwordNeverAppearsInArguments(engine: String) throws {
        let database = engine == "sqlite" ? "/data/app.db" : "shop"
        let command = try #require(registry.engine(named: engine)).dumpCommand(for: target(engine, database: database))
        #expect(!command.arguments.joined(separator: " ").contains("p@ss"))
        if engine != "sqlite" {
            #expect(command.environment.values.contains(Self.password))
        }
    }

    @Test func postgresCommands() throws {
        let engine = PostgresEngine()
        #expect(
            try engine.dumpCommand(for: target("postgres")).arguments
                == ["pg_dump", "--username=app", "--no-password", "--clean", "--if-exists", "--dbname=shop"])
        #expect(try engine.dumpCommand(for: target("postgres", database: nil, all: true)).arguments.first == "pg_dumpall")
        #expect(try engine.dumpCommand(for: target("postgres")).environment == ["PGPASSWORD": Self.password])
        #expect(throws: EngineError.self) { try engine.dumpCommand(for: target("postgres", database: nil)) }
        #expect(engine.isComplete(dumpTail: Array("--\n-- PostgreSQL database dump complete\n--\n".utf8), size: 100))
        #expect(!engine.isComplete(dumpTail: Array("COPY public.t (id) FROM stdin;\n1\n".utf8), size: 100))
    }

    @Test func mysqlKeepsLabelValuesOutOfTheScript() throws {
        let command = try MySQLEngine(identifier: "mariadb").dumpCommand(for: target("mariadb", database: "shop; touch /tmp/pwned"))
        #expect(command.arguments[0...1] == ["sh", "-c"])
        #expect(!command.arguments[2].contains("pwned"))
        #expect(command.arguments.suffix(2) == ["--databases", "shop; touch /tmp/pwned"])
        #expect(command.environment["BAKTAINER_DB_USER"] == "app")
        #expect(try MySQLEngine(identifier: "mysql").dumpCommand(for: target("mysql", all: true)).arguments.last == "--all-databases")
    }

    @Test func sqliteNeedsAnAbsolutePathWithoutQuotes() throws {
        let engine = SQLiteEngine()
        #expect(try engine.dumpCommand(for: target("sqlite", database: "/data/app.db")).arguments.last == "/data/app.db")
        #expect(throws: EngineError.self) { try engine.dumpCommand(for: target("sqlite", database: "app.db")) }
        #expect(throws: EngineError.self) { try engine.dumpCommand(for: target("sqlite", database: "/data/it's.db")) }
    }

    @Test func redisAndMongo() throws {
        #expect(try RedisEngine().dumpCommand(for: target("redis", user: nil)).arguments == ["redis-cli", "--no-auth-warning", "--rdb", "-"])
        #expect(try RedisEngine().dumpCommand(for: target("redis")).environment == ["REDISCLI_AUTH": Self.password])
        let mongo = try MongoEngine().dumpCommand(for: target("mongodb"))
        #expect(mongo.arguments.suffix(3) == ["--username=app", "--authenticationDatabase=admin", "--db=shop"])
    }

    @Test func customPassesThePasswordOnlyThroughTheToolsOwnVariable() throws {
        var pg = target("custom")
        pg.customCommand = ["pg_dump", "--format=custom", "shop"]
        #expect(
            try CustomEngine().dumpCommand(for: pg) == ContainerCommand(["pg_dump", "--format=custom", "shop"], environment: ["PGPASSWORD": Self.password]))
        var maria = target("custom")
        maria.customCommand = ["/usr/bin/mariadb-dump", "shop"]
        #expect(try CustomEngine().dumpCommand(for: maria).environment == ["MYSQL_PWD": Self.password])
        var sqlite = target("custom")
        sqlite.customCommand = ["sqlite3", "/data/app.db", ".dump"]
        #expect(throws: EngineError.self) { try CustomEngine().dumpCommand(for: sqlite) }
        sqlite.password = nil
        #expect(try CustomEngine().dumpCommand(for: sqlite).environment.isEmpty)
        #expect(throws: EngineError.self) { try CustomEngine().dumpCommand(for: target("custom")) }
    }

    @Test(arguments: ["bash -c x", "/bin/sh", "pg_dump.sh", "", "  ", "[]", "[\"env\", \"pg_dump\"]", "../pg_dump/../sh"])
    func customRefusesProgramsOffTheAllowList(_ label: String) {
        #expect(throws: EngineError.self) { try CustomEngine.arguments(fromLabel: label) }
    }

    @Test func formatMagicIsCheckedWhereTheFormatHasOne() {
        #expect(SQLiteEngine().acceptsHead(Array("SQLite format 3\0\u{10}\0".utf8)))
        #expect(!SQLiteEngine().acceptsHead(Array("Error: unable to".utf8)))
        #expect(RedisEngine().acceptsHead(Array("REDIS0011".utf8)))
        #expect(!RedisEngine().acceptsHead(Array("-NOAUTH Authentication required".utf8)))
        #expect(PostgresEngine().acceptsHead([]))
    }

    @Test func registryKnowsAliasesAndListsNames() {
        #expect(registry.engine(named: "PostgreSQL")?.identifier == "postgres")
        #expect(registry.engine(named: "postgress") == nil)
        #expect(registry.names.contains("mariadb"))
    }
}
