import Foundation
import Testing

/// `baktainer validate` as a user runs it, against real database servers: each thing that would break a backup
/// is a non-zero exit and a line naming it. Every run sees only its own test's containers (`BT_FILTER_LABEL`).
@Suite struct ValidateCommandTests {
    /// A fresh, writable backup directory per test.
    let directory = "/var/tmp/bt-validate-tests/\(UUID().uuidString.prefix(8))"

    private func validate(_ names: [String], run: String, environment: [String: String] = [:]) async throws -> BaktainerProcess.Outcome {
        // The directory itself is left missing: its parent takes files, so the first backup would create it.
        try FileManager.default.createDirectory(atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let base = ["BT_FILTER_LABEL": "\(TestBed.testLabel)=\(run)", "BT_BACKUP_DIR": directory]
        return try await BaktainerProcess.run(["validate"] + names, environment: base.merging(environment) { $1 })
    }

    private func standin(labels: [String: String] = [:], run: String) async throws -> String {
        try await TestBed.startContainer(
            fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb"].merging(labels) { $1 }, runID: run)
    }

    @Test func aCorrectSetupOfEveryEngineIsValid() async throws {
        try await TestBed.withRun { run in
            async let postgres = TestBed.startContainer(
                fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"],
                environment: ["POSTGRES_PASSWORD": "pg-\(run)", "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
            async let mariadb = TestBed.startContainer(
                fixture: "mariadb", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mariadb", "baktainer.db.name": "shop"],
                environment: ["MARIADB_ROOT_PASSWORD": "root-\(run)", "MARIADB_DATABASE": "shop"], runID: run)
            async let redis = TestBed.startContainer(
                fixture: "redis", labels: ["baktainer.backup": "true", "baktainer.db.engine": "redis"], environment: ["REDIS_PASSWORD": "r-\(run)"],
                runID: run)
            async let sqlite = TestBed.startContainer(
                fixture: "sqlite",
                labels: [
                    "baktainer.backup": "true", "baktainer.db.engine": "sqlite", "baktainer.db.name": "/data/app.db", "baktainer.compress": "zstd",
                    "baktainer.schedule.hourly": "0 * * * *", "baktainer.schedule.hourly.retention.keep-last": "3",
                ], runID: run)
            let names = try await [postgres, mariadb, redis, sqlite]
            try await TestBed.waitReady(names[0], engine: "postgres")
            try await TestBed.waitReady(names[1], engine: "mariadb")
            try await TestBed.waitReady(names[2], engine: "redis")
            try await TestBed.docker(["exec", names[3], "sqlite3", "/data/app.db", "create table t(x int)"])
            let mongo = try await standin(run: run)

            let result = try await validate([], run: run, environment: ["BT_RETENTION_KEEP_LAST": "5", "BT_COMPRESS": "gzip"])
            #expect(result.status == 0, "\(result.output)\(result.errors)")
            #expect(result.errors.isEmpty, "\(result.errors)")
            for name in names {
                let row = try #require(result.output.split(separator: "\n").first { $0.hasPrefix(name) }, "\(result.output)")
                #expect(row.split(separator: " ").suffix(2) == ["ok", "ok"], "\(row)")
            }
            let mongoRow = try #require(result.output.split(separator: "\n").first { $0.hasPrefix(mongo) })
            #expect(mongoRow.contains("not checked"), "\(mongoRow)")
            #expect(result.output.contains("valid"))
            #expect(result.output.contains("backup directory \(directory) does not exist yet; the first backup creates it"))
        }
    }

    @Test func wrongPasswordsAndAMissingDatabaseNameTheContainerAndTheFix() async throws {
        try await TestBed.withRun { run in
            async let postgresWrong = TestBed.startContainer(
                fixture: "postgres",
                labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.password": "wrong-\(run)"],
                environment: ["POSTGRES_PASSWORD": "pg-\(run)", "POSTGRES_DB": "shop"], runID: run)
            async let postgresMissing = TestBed.startContainer(
                fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.db.name": "nope"],
                environment: ["POSTGRES_PASSWORD": "pg-\(run)", "POSTGRES_DB": "shop"], runID: run)
            async let mariadbWrong = TestBed.startContainer(
                fixture: "mariadb",
                labels: [
                    "baktainer.backup": "true", "baktainer.db.engine": "mariadb", "baktainer.db.name": "shop", "baktainer.db.password": "wrong-\(run)",
                ],
                environment: ["MARIADB_ROOT_PASSWORD": "root-\(run)", "MARIADB_DATABASE": "shop"], runID: run)
            async let sqliteMissing = TestBed.startContainer(
                fixture: "sqlite", labels: ["baktainer.backup": "true", "baktainer.db.engine": "sqlite", "baktainer.db.name": "/data/gone.db"],
                runID: run)
            let (pgWrong, pgMissing, mariaWrong, sqlite) = try await (postgresWrong, postgresMissing, mariadbWrong, sqliteMissing)
            try await TestBed.waitReady(pgWrong, engine: "postgres")
            try await TestBed.waitReady(pgMissing, engine: "postgres")
            try await TestBed.waitReady(mariaWrong, engine: "mariadb")

            let cases = [
                (
                    pgWrong,
                    "container '\(pgWrong)': the server refused the password of user 'postgres': check the password from the label baktainer.db.password"
                ),
                (pgMissing, "container '\(pgMissing)': the database 'nope' does not exist: set baktainer.db.name"),
                (
                    mariaWrong,
                    "container '\(mariaWrong)': the server refused the password of user 'root': check the password from the label baktainer.db.password"
                ),
                (sqlite, "container '\(sqlite)': no database file at '/data/gone.db': set baktainer.db.name"),
            ]
            for (name, message) in cases {
                let result = try await validate([name], run: run)
                #expect(result.status == 1, "\(name): \(result.output)\(result.errors)")
                #expect(result.errors.contains("invalid: \(message)"), "\(result.errors)")
                #expect(result.errors.split(separator: "\n").count == 1, "one line per problem: \(result.errors)")
                #expect(!result.errors.contains("wrong-\(run)") && !result.output.contains("wrong-\(run)"))
            }
        }
    }

    @Test func aReadOnlyBackupDirectoryIsAProblem() async throws {
        try await TestBed.withRun { run in
            let root = "/var/tmp/bt-validate-ro-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try shell(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", root])
            defer {
                try? shell(["umount", root])
                try? FileManager.default.removeItem(atPath: root)
            }
            let existing = try await validate([], run: run, environment: ["BT_BACKUP_DIR": root])
            #expect(existing.status == 1)
            #expect(existing.errors.contains("invalid: backup directory: BT_BACKUP_DIR '\(root)' is not writable: Read-only file system"), "\(existing.errors)")

            let missing = try await validate([], run: run, environment: ["BT_BACKUP_DIR": root + "/backups"])
            #expect(missing.status == 1)
            #expect(missing.errors.contains("BT_BACKUP_DIR '\(root)/backups' does not exist and cannot be created in '\(root)'"), "\(missing.errors)")

            let orphan = try await validate([], run: run, environment: ["BT_BACKUP_DIR": directory + "/a/b"])
            #expect(orphan.status == 1)
            #expect(orphan.errors.contains("does not exist, nor does its parent"), "\(orphan.errors)")
        }
    }

    @Test func unknownLabelsAndVariablesGetADidYouMean() async throws {
        try await TestBed.withRun { run in
            let typo = try await standin(labels: ["baktainer.compres": "zstd", "baktainer.db.pasword": "x-\(run)"], run: run)
            let labels = try await validate([typo], run: run)
            #expect(labels.status == 1)
            #expect(
                labels.errors.contains("invalid: container '\(typo)': label baktainer.compres is not one Baktainer reads: did you mean baktainer.compress?"))
            #expect(
                labels.errors.contains(
                    "invalid: container '\(typo)': label baktainer.db.pasword is not one Baktainer reads: did you mean baktainer.db.password?"))
            #expect(!labels.errors.contains("x-\(run)"))

            let good = try await standin(run: run)
            let variables = try await validate([good], run: run, environment: ["BT_RETENTON_KEEP_LAST": "3", "BT_COMPRES": "zstd"])
            #expect(variables.status == 1)
            #expect(
                variables.errors.contains("invalid: configuration: BT_RETENTON_KEEP_LAST is not a Baktainer setting: did you mean BT_RETENTION_KEEP_LAST?"),
                "\(variables.errors)")
            #expect(variables.errors.contains("invalid: configuration: BT_COMPRES is not a Baktainer setting: did you mean BT_COMPRESS?"))
            #expect(!variables.errors.contains("warning:"), "reported once, as a problem: \(variables.errors)")
        }
    }

    @Test func sharedBackupNamesAreReportedByValidateAndList() async throws {
        try await TestBed.withRun { run in
            let first = try await standin(labels: ["baktainer.name": "db-\(run)"], run: run)
            let second = try await standin(labels: ["baktainer.name": "db-\(run)"], run: run)
            let pair = [first, second].sorted()
            let message = "backup name 'db-\(run)' is shared by containers '\(pair[0])' and '\(pair[1])'"

            let result = try await validate([], run: run)
            #expect(result.status == 1)
            #expect(result.errors.contains("invalid: \(message)"), "\(result.errors)")
            let one = try await validate([first], run: run)
            #expect(one.status == 1 && one.errors.contains(message), "a named container is checked against all: \(one.errors)")

            let list = try await BaktainerProcess.run(["list"], environment: ["BT_FILTER_LABEL": "\(TestBed.testLabel)=\(run)"])
            #expect(list.status == 0)
            #expect(list.errors.contains("warning: \(message)"), "\(list.errors)")
        }
    }

    @Test func backupOfAMislabelledContainerSaysWhyAndADryRunFails() async throws {
        try await TestBed.withRun { run in
            let typo = try await standin(labels: ["baktainer.db.engine": "postgress"], run: run)
            let why = "baktainer.db.engine 'postgress' is not an engine: did you mean postgres?"

            let backup = try await BaktainerProcess.run(["backup", typo], environment: ["BT_BACKUP_DIR": directory])
            #expect(backup.status == 1)
            #expect(!backup.output.contains("no running container"), "\(backup.output)")
            #expect(backup.output.contains("invalid") && backup.output.contains(why), "\(backup.output)")

            let dryRun = try await BaktainerProcess.run(["backup", "--dry-run", typo], environment: ["BT_BACKUP_DIR": directory])
            #expect(dryRun.status == 1)
            #expect(dryRun.output.contains("\(typo): labels invalid, would not be backed up: \(why)"), "\(dryRun.output)")
            #expect(!dryRun.output.contains("no running container"))
        }
    }

    @Test func suggestPrintsTheLabelsToSetForRubyToolAndMisspelledLabels() async throws {
        try await TestBed.withRun { run in
            let old = try await standin(
                labels: ["baktainer.db.engine": "mongo-db", "baktainer.backup.compress": "true", "baktainer.backup.retention.days": "14"], run: run)
            let result = try await validate(["--suggest"], run: run)
            #expect(result.status == 1, "the labels are still wrong: \(result.output)")
            #expect(result.output.contains("suggest: container '\(old)': set baktainer.db.engine=mongodb ('mongo-db' is not an engine)"), "\(result.output)")
            #expect(result.output.contains("suggest: container '\(old)': set baktainer.compress=true instead of baktainer.backup.compress"))
            #expect(result.output.contains("suggest: container '\(old)': set baktainer.retention.keep-within=14d instead of baktainer.backup.retention.days"))
            let plain = try await validate([], run: run)
            #expect(!plain.output.contains("suggest:"))
        }
    }

    private func shell(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestBedError("\(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    }
}
