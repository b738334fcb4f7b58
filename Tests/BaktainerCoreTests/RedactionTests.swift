import BaktainerCore
import Testing

/// What a password does to messages: masked only where it stands as a whole token in a tool's output, never
/// punching holes into other words, never masking a value the message shows anyway; and the advice a refused
/// login gets.
@Suite struct RedactionTests {
    static let pgError =
        #"pg_dump: error: connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "nope" does not exist"#

    func target(password: String?, user: String = "app", database: String = "nope", engine: any DatabaseEngine = PostgresEngine()) -> BackupTarget {
        BackupTarget(
            containerID: "c1", containerName: "shop-db", engine: engine, database: database, user: user, password: password.map(Secret.init))
    }

    @Test(arguments: ["x", "postgres", "e", "s", "t", "dump", "socket5432"])
    func aShortOrCommonPasswordLeavesAToolsMessageWhole(password: String) throws {
        let target = target(password: password)
        let command = try PostgresEngine().dumpCommand(for: target)
        #expect(target.redacting(toolOutput: Self.pgError, command: command) == Self.pgError)
    }

    @Test func aPasswordStandingAsAWordIsMasked() {
        let text = "mysqldump: unknown variable 'hunter2-long'; and hunter2-long again, not xhunter2-long"
        let masked = Secret("hunter2-long").masked(in: text)
        #expect(masked == "mysqldump: unknown variable '••••••'; and •••••• again, not xhunter2-long")
    }

    @Test func aPasswordInsideAnotherWordIsLeftAlone() {
        #expect(Secret("x").masked(in: "pg_dump exited 1: does not exist") == "pg_dump exited 1: does not exist")
        #expect(Secret("postgres").masked(in: "/var/run/postgresql/.s.PGSQL.5432") == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(Secret("word").masked(in: "a word b") == "a •••••• b")
        #expect(Secret("x").masked(in: "a x b -x .x.") == "a x b -x .x.", "too short to hide: its holes would tell")
    }

    @Test func aPasswordEqualToAValueTheMessageShowsIsNotMasked() {
        // Masking the user's name would tell the reader that the password is the user's name.
        let text = #"FATAL:  password authentication failed for user "postgres""#
        #expect(target(password: "postgres", user: "postgres").redacting(toolOutput: text) == text)
        #expect(target(password: "nope").redacting(toolOutput: Self.pgError) == Self.pgError)
        // Nor inside one: `shop` in the container name `shop-db`.
        #expect(target(password: "shop").redacting(toolOutput: "container shop-db: shop") == "container shop-db: ••••••")
        // A shown value inside the password does not spare it.
        #expect(target(password: "app-secret").redacting(toolOutput: "echoed app-secret") == "echoed ••••••")
    }

    @Test func theCommandsOwnWordsAreSpared() throws {
        let target = target(password: "password")
        let command = try PostgresEngine().dumpCommand(for: target)
        let text = "pg_dump: error: fe_sendauth: no password supplied"
        #expect(target.redacting(toolOutput: text, command: command) == text)
        #expect(target.redacting(toolOutput: "echoed: password") == "echoed: ••••••", "without the command, the word is masked")
    }

    @Test func aSecretWithNonWordEdgesIsMaskedWherever() {
        #expect(Secret("!pw#").masked(in: "a!pw#b") == "a••••••b")
        #expect(Secret("p!w#").masked(in: "ap!w#b") == "ap!w#b")
    }

    @Test func aScriptIsNamedByWhatItRunsNotSh() throws {
        let target = target(password: nil, user: "root", database: "shop", engine: MySQLEngine(identifier: "mariadb"))
        #expect(try MySQLEngine(identifier: "mariadb").dumpCommand(for: target).program == "mariadb dump")
        #expect(try PostgresEngine().dumpCommand(for: self.target(password: nil)).program == "pg_dump")
    }

    @Test func aRefusedLoginWithoutAPasswordNamesTheLabelsAndTheImagesVariables() {
        let mariadb = target(password: nil, user: "root", database: "shop", engine: MySQLEngine(identifier: "mariadb"))
        let denied = "mariadb-dump: Got error: 1045: \"Access denied for user 'root'@'localhost' (using password: NO)\" when trying to connect"
        let advice = mariadb.credentialAdvice(forToolOutput: denied) ?? ""
        #expect(advice.contains("refused user 'root' without a password"))
        #expect(advice.contains("baktainer.db.password") && advice.contains("baktainer.db.password_file"))
        #expect(advice.contains("MARIADB_ROOT_PASSWORD or MYSQL_ROOT_PASSWORD"), "\(advice)")
        #expect(mariadb.credentialAdvice(forToolOutput: "ERROR 1064 (42000) at line 3: syntax error") == nil)
        let postgres = target(password: nil)
        #expect(postgres.credentialAdvice(forToolOutput: "fe_sendauth: no password supplied")?.contains("POSTGRES_PASSWORD") == true)
    }

    @Test func aRefusedPasswordNamesWhereItCameFrom() {
        var target = target(password: "pw-secret-1")
        target.passwordOrigin = "POSTGRES_PASSWORD in the container's environment"
        let advice = target.credentialAdvice(forToolOutput: #"FATAL:  password authentication failed for user "app""#) ?? ""
        #expect(advice.contains("with the password from POSTGRES_PASSWORD in the container's environment"), "\(advice)")
        #expect(!advice.contains("pw-secret-1"))
    }
}

/// Where the resolver says a password came from (for the advice on a refused login).
@Suite struct PasswordOriginTests {
    func origin(labels: [String: String], environment: [String], files: [String: String] = [:]) async throws -> String? {
        let container = ContainerInfo(id: "a1", name: "shop-db", labels: labels, environment: environment)
        let target = try await TargetResolver().resolve(container) { path in
            guard let content = files[path] else { throw LeakyError(text: "no \(path)") }
            return content
        }.get()
        return target.passwordOrigin
    }

    @Test func eachSourceIsNamed() async throws {
        let mariadb = ["baktainer.db.engine": "mariadb", "baktainer.db.name": "shop"]
        #expect(try await origin(labels: mariadb, environment: ["MARIADB_ROOT_PASSWORD=pw"]) == "MARIADB_ROOT_PASSWORD in the container's environment")
        #expect(
            try await origin(labels: mariadb, environment: ["MYSQL_ROOT_PASSWORD_FILE=/run/s/pw"], files: ["/run/s/pw": "pw\n"])
                == "the file /run/s/pw (MYSQL_ROOT_PASSWORD_FILE in the container's environment)")
        #expect(try await origin(labels: mariadb.merging(["baktainer.db.password": "pw"]) { $1 }, environment: []) == "the label baktainer.db.password")
        #expect(try await origin(labels: mariadb, environment: ["MARIADB_RANDOM_ROOT_PASSWORD=1"]) == nil)
    }
}
