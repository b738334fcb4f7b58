import BaktainerCore
import Foundation
import Testing

/// A container as the resolver sees it, plus the files inside it, and what it should resolve to.
struct ResolverCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var labels: [String: String]
    var environment: [String] = []
    var files: [String: String] = [:]
    var expected: Expected

    enum Expected: Sendable {
        case target(
            engine: String, database: String?, user: String?, password: String?, origin: String? = nil, all: Bool = false,
            backupName: String = "shop-db", command: [String]? = nil)
        case error(String)
    }

    /// The container as the runtime describes it.
    func container() throws -> ContainerInfo {
        ContainerInfo(
            id: String(repeating: "a", count: 64), name: "shop-db", image: "some/image:1", imageID: "sha256:0123", labels: labels,
            environment: environment, state: "running")
    }

    /// Reads `files`; a missing file fails with an error that quotes every file's content (it must not leak).
    func readFile(_ path: String) async throws -> String {
        guard let content = files[path] else { throw LeakyError(text: "no \(path); known: \(files.values.joined(separator: ","))") }
        return content
    }

    func resolve() async throws -> Result<BackupTarget, TargetError> {
        await TargetResolver().resolve(try container(), readFile: readFile)
    }
}

struct LeakyError: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
}

private func labels(_ engine: String?, _ extra: [String: String] = [:]) -> [String: String] {
    var labels = ["baktainer.backup": "true"]
    labels["baktainer.db.engine"] = engine
    return labels.merging(extra) { $1 }
}

@Suite struct TargetResolverTests {
    static let resolved: [ResolverCase] = [
        ResolverCase(
            testDescription: "stock postgres from its environment", labels: labels("postgres"),
            environment: ["POSTGRES_PASSWORD=pgpw", "POSTGRES_USER=shop", "POSTGRES_DB=shopdb", "PATH=/usr/bin"],
            expected: .target(engine: "postgres", database: "shopdb", user: "shop", password: "pgpw", origin: "POSTGRES_PASSWORD")),
        ResolverCase(
            testDescription: "postgres defaults: user postgres, database = user, POSTGRES_PASSWORD_FILE", labels: labels("PostgreSQL"),
            environment: ["POSTGRES_PASSWORD_FILE=/run/secrets/pg"], files: ["/run/secrets/pg": "filepw\n"],
            expected: .target(engine: "postgres", database: "postgres", user: "postgres", password: "filepw", origin: "POSTGRES_PASSWORD_FILE")),
        ResolverCase(
            testDescription: "mariadb prefers root when MARIADB_ROOT_PASSWORD is set", labels: labels("mariadb"),
            environment: ["MARIADB_ROOT_PASSWORD=rootpw", "MARIADB_USER=app", "MARIADB_PASSWORD=apppw", "MARIADB_DATABASE=shop"],
            expected: .target(engine: "mariadb", database: "shop", user: "root", password: "rootpw", origin: "MARIADB_ROOT_PASSWORD")),
        ResolverCase(
            testDescription: "mariadb user without a root password", labels: labels("mariadb"),
            environment: ["MARIADB_USER=app", "MARIADB_PASSWORD=apppw", "MARIADB_DATABASE=shop"],
            expected: .target(engine: "mariadb", database: "shop", user: "app", password: "apppw", origin: "MARIADB_PASSWORD")),
        ResolverCase(
            testDescription: "mysql root from MYSQL_* variables", labels: labels("mysql"),
            environment: ["MYSQL_ROOT_PASSWORD=rootpw", "MYSQL_USER=app", "MYSQL_PASSWORD=apppw", "MYSQL_DATABASE=shop"],
            expected: .target(engine: "mysql", database: "shop", user: "root", password: "rootpw", origin: "MYSQL_ROOT_PASSWORD")),
        ResolverCase(
            testDescription: "mysql user from MYSQL_* variables, password by file", labels: labels("mysql"),
            environment: ["MYSQL_USER=app", "MYSQL_PASSWORD_FILE=/s/app", "MYSQL_DATABASE=shop"], files: ["/s/app": "apppw\n\n"],
            expected: .target(engine: "mysql", database: "shop", user: "app", password: "apppw", origin: "MYSQL_PASSWORD_FILE")),
        ResolverCase(
            testDescription: "MARIADB_ wins over MYSQL_", labels: labels("mariadb"),
            environment: ["MYSQL_ROOT_PASSWORD=mysqlpw", "MARIADB_ROOT_PASSWORD_FILE=/s/root", "MYSQL_DATABASE=old", "MARIADB_DATABASE=new"],
            files: ["/s/root": "mariapw\n"],
            expected: .target(engine: "mariadb", database: "new", user: "root", password: "mariapw", origin: "MARIADB_ROOT_PASSWORD_FILE")),
        ResolverCase(
            testDescription: "a labelled user other than the image's gets no image password", labels: labels("mariadb", ["baktainer.db.user": "backup"]),
            environment: ["MARIADB_USER=app", "MARIADB_PASSWORD=apppw", "MARIADB_DATABASE=shop"],
            expected: .target(engine: "mariadb", database: "shop", user: "backup", password: nil)),
        ResolverCase(
            testDescription: "the password label wins over the environment",
            labels: labels("postgres", ["baktainer.db.password": "labelpw", "baktainer.db.password_file": "/s/unused"]),
            environment: ["POSTGRES_PASSWORD=envpw"],
            expected: .target(engine: "postgres", database: "postgres", user: "postgres", password: "labelpw", origin: "baktainer.db.password")),
        ResolverCase(
            testDescription: "the password_file label wins over the environment",
            labels: labels("postgres", ["baktainer.db.password_file": "/s/db", "baktainer.db.user": "app", "baktainer.db.name": "shop"]),
            environment: ["POSTGRES_PASSWORD=envpw"], files: ["/s/db": "filepw\r\n"],
            expected: .target(engine: "postgres", database: "shop", user: "app", password: "filepw", origin: "baktainer.db.password_file")),
        ResolverCase(
            testDescription: "redis from REDIS_PASSWORD", labels: labels("redis", ["baktainer.name": "sessions"]),
            environment: ["REDIS_PASSWORD=redispw"],
            expected: .target(engine: "redis", database: nil, user: nil, password: "redispw", origin: "REDIS_PASSWORD", backupName: "sessions")),
        ResolverCase(
            testDescription: "mongodb from MONGO_INITDB_*", labels: labels("mongo"),
            environment: ["MONGO_INITDB_ROOT_USERNAME=admin", "MONGO_INITDB_ROOT_PASSWORD=mongopw", "MONGO_INITDB_DATABASE=shop"],
            expected: .target(engine: "mongodb", database: "shop", user: "admin", password: "mongopw", origin: "MONGO_INITDB_ROOT_PASSWORD")),
        ResolverCase(
            testDescription: "db.all without a database, no password", labels: labels("mariadb", ["baktainer.db.all": "YES"]),
            expected: .target(engine: "mariadb", database: nil, user: "root", password: nil, all: true)),
        ResolverCase(
            testDescription: "label values are data", labels: labels("postgres", ["baktainer.db.name": "shop; touch /tmp/pwned", "baktainer.db.all": "0"]),
            expected: .target(engine: "postgres", database: "shop; touch /tmp/pwned", user: "postgres", password: nil)),
        ResolverCase(
            testDescription: "sqlite with its path", labels: labels("sqlite", ["baktainer.db.name": "/data/app.db", "baktainer.name": "app_v2.db-x"]),
            expected: .target(engine: "sqlite", database: "/data/app.db", user: nil, password: nil, backupName: "app_v2.db-x")),
    ]

    static let custom: [ResolverCase] = [
        ResolverCase(
            testDescription: "custom from words",
            labels: labels("custom", ["baktainer.command": " pg_dump  --format=custom\tshop ", "baktainer.db.password": "pw"]),
            expected: .target(
                engine: "custom", database: nil, user: nil, password: "pw", origin: "baktainer.db.password", command: ["pg_dump", "--format=custom", "shop"])),
        ResolverCase(
            testDescription: "custom from JSON keeps spaces and quotes as data",
            labels: labels("custom", ["baktainer.command": #"["/usr/bin/sqlite3", "/data/my db.sqlite", ".dump; rm -rf /"]"#]),
            expected: .target(
                engine: "custom", database: nil, user: nil, password: nil, command: ["/usr/bin/sqlite3", "/data/my db.sqlite", ".dump; rm -rf /"])),
    ]

    static let names = "custom, mariadb, mongo, mongodb, mysql, postgres, postgresql, redis, sqlite"
    static let refused: [ResolverCase] = [
        ResolverCase(testDescription: "no engine", labels: labels(nil), expected: .error("baktainer.db.engine is not set; use one of \(names)")),
        ResolverCase(
            testDescription: "mistyped engine", labels: labels("postgress"),
            expected: .error("baktainer.db.engine 'postgress' is not an engine: did you mean postgres? (engines: \(names))")),
        ResolverCase(
            testDescription: "unknown engine", labels: labels("oracle"),
            expected: .error("baktainer.db.engine 'oracle' is not an engine; use one of \(names)")),
        ResolverCase(
            testDescription: "custom without a command", labels: labels("custom"),
            expected: .error("baktainer.command is not set; engine custom needs a dump command such as [\"pg_dump\",\"shop\"]")),
        ResolverCase(
            testDescription: "custom running a shell", labels: labels("custom", ["baktainer.command": "sh -c 'pg_dump x'"]),
            expected: .error(
                "baktainer.command runs 'sh', which is not an allowed dump tool; use one of mariadb-dump, mongodump, mysqldump, pg_dump, pg_dumpall, redis-cli, sqlite3"
            )),
        ResolverCase(
            testDescription: "custom with broken JSON", labels: labels("custom", ["baktainer.command": "[\"pg_dump\", 3]"]),
            expected: .error("baktainer.command starts with '[' but is not a JSON array of strings")),
        ResolverCase(
            testDescription: "command on another engine", labels: labels("postgres", ["baktainer.command": "pg_dump x"]),
            expected: .error("baktainer.command applies only to baktainer.db.engine=custom; remove it or set the engine to custom")),
        ResolverCase(
            testDescription: "bad db.all", labels: labels("postgres", ["baktainer.db.all": "maybe"]),
            expected: .error("baktainer.db.all 'maybe' is not a boolean; use true or false (yes/no, on/off and 1/0 work too)")),
        ResolverCase(
            testDescription: "path in baktainer.name", labels: labels("postgres", ["baktainer.name": "../etc/x"]),
            expected: .error("baktainer.name '../etc/x' is not a safe file name: use up to 100 of A-Z a-z 0-9 . _ -, not starting with '.'")),
        ResolverCase(
            testDescription: "sqlite without a path", labels: labels("sqlite"),
            expected: .error("baktainer.db.name is not set; for sqlite set it to the database file's absolute path inside the container")),
        ResolverCase(
            testDescription: "sqlite with db.all", labels: labels("sqlite", ["baktainer.db.all": "true", "baktainer.db.name": "/a.db"]),
            expected: .error("baktainer.db.all does not apply to sqlite; set baktainer.db.name instead")),
        ResolverCase(
            testDescription: "mariadb without a database", labels: labels("mariadb"), environment: ["MARIADB_ROOT_PASSWORD=rootpw"],
            expected: .error("no database to dump: set baktainer.db.name, or baktainer.db.all=true")),
        ResolverCase(
            testDescription: "unreadable password_file", labels: labels("postgres", ["baktainer.db.password_file": "/run/secrets/missing"]),
            expected: .error("cannot read baktainer.db.password_file '/run/secrets/missing' inside the container")),
        ResolverCase(
            testDescription: "empty password_file", labels: labels("postgres", ["baktainer.db.password_file": "/s/empty"]), files: ["/s/empty": "\n"],
            expected: .error("baktainer.db.password_file '/s/empty' is empty")),
        ResolverCase(
            testDescription: "unreadable *_FILE variable", labels: labels("mysql", ["baktainer.db.all": "true"]),
            environment: ["MYSQL_ROOT_PASSWORD_FILE=/run/secrets/root"],
            expected: .error("cannot read MYSQL_ROOT_PASSWORD_FILE '/run/secrets/root' inside the container")),
    ]

    @Test(arguments: resolved + custom + refused)
    func resolves(_ example: ResolverCase) async throws {
        let result = try await example.resolve()
        switch (example.expected, result) {
        case (.target(let engine, let database, let user, let password, let origin, let all, let backupName, let command), .success(let target)):
            var expected = BackupTarget(
                containerID: String(repeating: "a", count: 64), containerName: "shop-db", engine: EngineRegistry().engine(named: engine)!, database: database,
                user: user,
                password: password.map(Secret.init), allDatabases: all, backupName: backupName, customCommand: command)
            expected.labels = example.labels
            expected.passwordOrigin = target.passwordOrigin
            #expect(target == expected)
            if let origin {
                #expect(target.passwordOrigin?.contains(origin) == true, "\(target.passwordOrigin ?? "nil") names \(origin)")
            } else {
                #expect(target.passwordOrigin == nil)
            }
        case (.error(let message), .failure(let error)):
            #expect(error == TargetError(containerName: "shop-db", message: message))
            #expect(error.description == "container 'shop-db': \(message)")
        default:
            Issue.record("expected \(example.expected), got \(result)")
        }
    }

    @Test(arguments: ["", ".hidden", "a b", "shop/db", "dätenbank", String(repeating: "x", count: 101)])
    func refusesUnsafeBackupNames(_ name: String) async throws {
        let example = ResolverCase(testDescription: name, labels: labels("redis", ["baktainer.name": name]), expected: .error(""))
        let result = try await example.resolve()
        if name.isEmpty {
            #expect(try result.get().backupName == "shop-db")  // empty means unset: the container name
        } else {
            #expect(throws: TargetError.self) { try result.get() }
            #expect((try? result.get()) == nil)
            if case .failure(let error) = result { #expect(error.message.hasPrefix("baktainer.name '")) }
        }
        let longest = ResolverCase(
            testDescription: "100", labels: labels("redis", ["baktainer.name": String(repeating: "x", count: 100)]), expected: .error(""))
        #expect(try await longest.resolve().get().backupName.count == 100)
    }

    @Test func noSecretInAnyErrorOrTarget() async throws {
        let secret = "TOPSECRET-p@ss; touch /tmp/pwned"
        let environment = [
            "POSTGRES_PASSWORD=\(secret)", "MARIADB_ROOT_PASSWORD=\(secret)", "REDIS_PASSWORD=\(secret)", "MYSQL_PASSWORD_FILE=/s/missing",
        ]
        let failing: [[String: String]] = [
            labels("postgres", ["baktainer.db.password_file": "/s/missing"]),
            labels("mysql", ["baktainer.db.user": "app", "baktainer.db.all": "1"]),  // MYSQL_PASSWORD_FILE unreadable
            labels("postgress", ["baktainer.db.password": secret]),
            labels("postgres", ["baktainer.db.password": secret, "baktainer.db.all": "maybe"]),
            labels("mariadb", ["baktainer.db.password": secret]),
            labels("sqlite", ["baktainer.db.password": secret]),
            labels(nil, ["baktainer.db.password": secret]),
        ]
        for labels in failing {
            // The files map holds the secret too, and the read error quotes it.
            let example = ResolverCase(
                testDescription: "", labels: labels, environment: environment + ["MYSQL_USER=app"], files: ["/s/other": secret], expected: .error(""))
            let result = try await example.resolve()
            guard case .failure(let error) = result else {
                Issue.record("expected a failure for \(labels.keys.sorted())")
                continue
            }
            #expect(!error.description.contains("TOPSECRET"))
            #expect(!String(describing: error).contains("TOPSECRET"))
            #expect(!String(reflecting: error).contains("TOPSECRET"))
        }
        let fine = ResolverCase(testDescription: "", labels: labels("postgres"), environment: environment, expected: .error(""))
        let target = try await fine.resolve().get()
        #expect(target.password?.revealed == secret)
        #expect(!"\(target)".contains("TOPSECRET"))
    }
}
