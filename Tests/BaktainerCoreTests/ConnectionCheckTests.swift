import BaktainerCore
import Foundation
import Testing

/// `validate`'s connection check: the engine's own client with the password in the environment only, and
/// failures explained by the label or variable to fix. Plus the backup directory probe.
@Suite struct ConnectionCheckTests {
    static let secret = "hunter2-secret"

    static func target(_ engine: String, database: String? = "shop", user: String? = nil, origin: String? = "baktainer.db.password") -> BackupTarget {
        var target = BackupTarget(
            containerID: "c1", containerName: "shop-db", engine: EngineRegistry().engine(named: engine)!, database: database, user: user,
            password: origin == nil ? nil : Secret(secret))
        target.passwordOrigin = origin
        return target
    }

    @Test(arguments: ["postgres", "mysql", "mariadb", "redis"])
    func thePasswordTravelsInTheEnvironmentOnly(_ engine: String) throws {
        let check = try #require(Self.target(engine).engine.connectionCheck(for: Self.target(engine)))
        #expect(!check.command.arguments.joined(separator: " ").contains(Self.secret))
        #expect(check.command.environment.values.contains(Self.secret))
    }

    @Test func eachEngineChecksItsOwnWay() throws {
        let postgres = try #require(PostgresEngine().connectionCheck(for: Self.target("postgres", user: "app")))
        #expect(postgres.command.arguments.suffix(2) == ["app", "shop"])
        #expect(postgres.command.arguments[2].contains("psql") && postgres.command.arguments[2].contains("select 1"))
        #expect(postgres.command.environment["PGPASSWORD"] == Self.secret)
        var all = Self.target("postgres")
        all.allDatabases = true
        #expect(PostgresEngine().connectionCheck(for: all)?.command.arguments.last == "postgres")

        let mariadb = try #require(MySQLEngine(identifier: "mariadb").connectionCheck(for: Self.target("mariadb", user: "root")))
        #expect(mariadb.command.arguments.last == "shop")
        #expect(mariadb.command.environment == ["BAKTAINER_DB_USER": "root", "BAKTAINER_DB_PASSWORD": Self.secret])

        let redis = try #require(RedisEngine().connectionCheck(for: Self.target("redis", database: nil)))
        #expect(redis.command.environment == ["REDISCLI_AUTH": Self.secret])
        #expect(redis.failure(exitCode: 0, output: "PONG\n") == nil)
        #expect(redis.failure(exitCode: 0, output: "AUTH failed: WRONGPASS invalid username-password pair\nNOAUTH Authentication required.\n") == .credentials)

        let sqlite = try #require(SQLiteEngine().connectionCheck(for: Self.target("sqlite", database: "/data/app.db", origin: nil)))
        #expect(sqlite.command.arguments.last == "/data/app.db" && sqlite.command.environment.isEmpty)
        #expect(sqlite.failure(exitCode: 66, output: "no database file at /data/app.db\n") == .missingDatabase)

        #expect(MongoEngine().connectionCheck(for: Self.target("mongodb")) == nil)
        #expect(CustomEngine().connectionCheck(for: Self.target("custom")) == nil)
    }

    @Test func clientMessagesAreClassified() throws {
        let postgres = try #require(PostgresEngine().connectionCheck(for: Self.target("postgres")))
        let socket = #"psql: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: "#
        #expect(postgres.failure(exitCode: 0, output: "1\n") == nil)
        #expect(postgres.failure(exitCode: 2, output: socket + #"FATAL:  password authentication failed for user "postgres""#) == .credentials)
        #expect(postgres.failure(exitCode: 2, output: socket + "fe_sendauth: no password supplied") == .credentials)
        #expect(postgres.failure(exitCode: 2, output: socket + #"FATAL:  database "nope" does not exist"#) == .missingDatabase)
        #expect(postgres.failure(exitCode: 2, output: socket + #"FATAL:  role "bob" does not exist"#) == .unknownUser)
        #expect(postgres.failure(exitCode: 2, output: socket + "No such file or directory") == .other)

        let mysql = try #require(MySQLEngine(identifier: "mysql").connectionCheck(for: Self.target("mysql")))
        #expect(mysql.failure(exitCode: 1, output: "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)") == .credentials)
        #expect(mysql.failure(exitCode: 1, output: "ERROR 1049 (42000): Unknown database 'nope'") == .missingDatabase)
        #expect(mysql.failure(exitCode: 1, output: "ERROR 1044 (42000): Access denied for user 'lim'@'localhost' to database 'shop'") == .databaseAccess)
    }

    /// Runs the check of `target` against a container answering `script`.
    static func outcome(_ target: BackupTarget, _ script: FakeRuntime.Script) async -> ConnectionChecker.Outcome {
        let runtime = FakeRuntime(containers: [ContainerInfo(id: "c1", name: "shop-db")]) { _, _ in script }
        return await ConnectionChecker(runtime: runtime).check(target)
    }

    @Test func failuresNameTheContainerAndWhatToFix() async {
        let refused = FakeRuntime.Script.output("psql: error: FATAL:  password authentication failed for user \"app\"\n", exitCode: 2)
        #expect(
            await Self.outcome(Self.target("postgres", user: "app", origin: "POSTGRES_PASSWORD_FILE"), refused)
                == .failed("container 'shop-db': the server refused the password of user 'app': check the password from POSTGRES_PASSWORD_FILE"))
        #expect(
            await Self.outcome(
                Self.target("mariadb", user: "root", origin: nil), .output("ERROR 1045 (28000): Access denied (using password: NO)", exitCode: 1))
                == .failed(
                    "container 'shop-db': the server refused user 'root' without a password: set baktainer.db.password or baktainer.db.password_file or MARIADB_ROOT_PASSWORD in the container or MYSQL_ROOT_PASSWORD in the container"
                ))
        #expect(
            await Self.outcome(Self.target("postgres"), .output("FATAL:  database \"shop\" does not exist", exitCode: 2))
                == .failed("container 'shop-db': the database 'shop' does not exist: set baktainer.db.name to an existing database (or create it)"))
        #expect(
            await Self.outcome(Self.target("sqlite", database: "/data/app.db", origin: nil), .output("no database file at /data/app.db", exitCode: 66))
                == .failed(
                    "container 'shop-db': no database file at '/data/app.db': set baktainer.db.name to the database file's absolute path inside the container"))
        #expect(
            await Self.outcome(Self.target("postgres", user: "bob"), .output("FATAL:  role \"bob\" does not exist", exitCode: 2))
                == .failed("container 'shop-db': the server has no user 'bob': set baktainer.db.user to an existing user"))
        #expect(
            await Self.outcome(Self.target("mysql", user: "lim"), .output("ERROR 1044 (42000): Access denied for user 'lim' to database 'shop'", exitCode: 1))
                == .failed("container 'shop-db': user 'lim' may not use the database 'shop': grant it access, or set baktainer.db.user to a user that has it"))
    }

    @Test func otherFailuresQuoteTheClientWithoutThePassword() async {
        let outcome = await Self.outcome(
            Self.target("postgres"), .output("starting\nconnection refused for \(Self.secret)\n", exitCode: 2, stderr: "psql: not found\n"))
        guard case .failed(let message) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(message == "container 'shop-db': the connection check (postgres client) failed with exit status 2: psql: not found")
        #expect(await Self.outcome(Self.target("postgres"), .output("1\n")) == .connected)
        let leaky = await Self.outcome(Self.target("postgres"), .output("error near \(Self.secret)", exitCode: 1))
        #expect(!"\(leaky)".contains(Self.secret))
        guard case .unchecked(let note) = await Self.outcome(Self.target("mongodb"), .output("")) else {
            Issue.record("mongodb is not checked")
            return
        }
        #expect(note.contains("mongodb"))
    }

    @Test func theBackupDirectoryMustTakeNewFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bt-dircheck-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(BackupDirectoryCheck.check(root, setting: "BT_BACKUP_DIR") == .writable)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty, "the probe file is removed")
        #expect(BackupDirectoryCheck.check(root + "/backups", setting: "BT_BACKUP_DIR") == .willBeCreated)
        #expect(BackupDirectoryCheck.check(root + "/backups/", setting: "BT_BACKUP_DIR") == .willBeCreated)
        #expect(
            BackupDirectoryCheck.check(root + "/a/b", setting: "BT_BACKUP_DIR")
                == .problem("BT_BACKUP_DIR '\(root)/a/b' does not exist, nor does its parent '\(root)/a': create it (or mount the backup volume there)"))
        FileManager.default.createFile(atPath: root + "/file", contents: Data())
        #expect(
            BackupDirectoryCheck.check(root + "/file", setting: "/etc/bt.yml: backup_dir")
                == .problem("/etc/bt.yml: backup_dir '\(root)/file' is not a directory: point /etc/bt.yml: backup_dir at a directory"))
    }
}
