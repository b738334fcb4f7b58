import BaktainerCore
import Foundation
import Testing

/// `baktainer verify --restore-test` as a user runs it: a real backup restored into a throw-away container from
/// the source's image, its table counts compared with those taken at backup time, the container removed.
@Suite struct RestoreTestIntegrationTests {
    let directory = "/var/tmp/bt-restore-test-tests/\(UUID().uuidString.prefix(8))"

    private func backUp(_ container: String, environment: [String: String] = [:]) async throws -> String {
        let result = try await BaktainerProcess.run(["backup", container], environment: ["BT_BACKUP_DIR": directory].merging(environment) { $1 })
        let row = try #require(
            result.output.split(separator: "\n").first { $0.hasPrefix(container) && $0.contains(" ok ") }, "\(result.output)\(result.errors)")
        return try #require(row.split(separator: " ").last.map(String.init))
    }

    private func restoreTest(_ name: String) async throws -> BaktainerProcess.Outcome {
        try await BaktainerProcess.run(["verify", "--restore-test", name], environment: ["BT_BACKUP_DIR": directory])
    }

    /// No throw-away container of `source` is left, running or not.
    private func leftovers(of source: String) async throws -> String {
        try await TestBed.docker(["ps", "-aq", "--filter", "label=\(RestoreTest.label)=\(source)"])
    }

    private func startPostgres(_ run: String) async throws -> (name: String, password: String) {
        let password = "pg-\(run)-secret"
        let name = try await TestBed.startContainer(
            fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"],
            environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
        try await TestBed.waitReady(name, engine: "postgres")
        let seed = """
            create table items(id int primary key, name text); insert into items select g, 'item ' || g from generate_series(1, 4000) g;
            create schema audit; create table audit.log(at timestamptz default now(), what text); insert into audit.log(what) values ('a'), ('b');
            """
        try await TestBed.docker(["exec", "-e", "PGPASSWORD=\(password)", name, "psql", "-v", "ON_ERROR_STOP=1", "-U", "app", "-d", "shop", "-qc", seed])
        return (name, password)
    }

    @Test func aGoodPostgresBackupRestoresWithEqualCounts() async throws {
        try await TestBed.withRun { run in
            let source = try await startPostgres(run)
            _ = try await backUp(source.name, environment: ["BT_COMPRESS": "zstd"])
            let outcome = try await restoreTest(source.name)
            #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
            #expect(outcome.output.contains("2 tables, 4002 rows restored, equal to the counts at backup time"), "\(outcome.output)")
            #expect(try await leftovers(of: source.name).isEmpty)
            #expect(!outcome.output.contains(source.password) && !outcome.errors.contains(source.password))
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func aGoodMariaDBBackupRestoresWithEqualCounts() async throws {
        try await TestBed.withRun { run in
            let password = "root-\(run)-secret"
            let source = try await TestBed.startContainer(
                fixture: "mariadb", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mariadb", "baktainer.db.name": "shop"],
                environment: ["MARIADB_ROOT_PASSWORD": password, "MARIADB_DATABASE": "shop"], runID: run)
            try await TestBed.waitReady(source, engine: "mariadb")
            let seed =
                "create table items(id int primary key, name text); insert into items select seq, concat('item ', seq) from seq_1_to_2500; create table empty_one(x int);"
            try await TestBed.docker(["exec", "-e", "MYSQL_PWD=\(password)", source, "mysql", "-uroot", "shop", "-e", seed])
            _ = try await backUp(source)
            let outcome = try await restoreTest(source)
            #expect(outcome.status == 0, "\(outcome.output)\(outcome.errors)")
            #expect(outcome.output.contains("2 tables, 2500 rows restored, equal to the counts at backup time"), "\(outcome.output)")
            #expect(try await leftovers(of: source).isEmpty)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func aDumpCutInHalfFailsWithTheReasonAndLeavesNoContainer() async throws {
        try await TestBed.withRun { run in
            let source = try await startPostgres(run)
            let file = try await backUp(source.name, environment: ["BT_COMPRESS": "none"])
            // Cut the dump in half and make the sidecar agree, so that only the dump itself is wrong.
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: file))
            let sum = try await TestBed.tool("/usr/bin/sha256sum", [file]).output.split(separator: " ").first.map(String.init) ?? ""
            try "\(sum)  \((file as NSString).lastPathComponent)\n".write(toFile: file + ".sha256", atomically: true, encoding: .utf8)

            let outcome = try await restoreTest(source.name)
            #expect(outcome.status == 1)
            let row = try #require(outcome.output.split(separator: "\n").first { $0.hasPrefix(source.name) }, "\(outcome.output)\(outcome.errors)")
            #expect(row.contains("failed") && row.contains("the restore failed"), "\(row)")
            #expect(try await leftovers(of: source.name).isEmpty)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func changedDataIsCaughtByTheCountComparison() async throws {
        try await TestBed.withRun { run in
            let source = try await startPostgres(run)
            let file = try await backUp(source.name, environment: ["BT_COMPRESS": "none"])
            // A record whose counts disagree with its dump stands for a dump that lost rows on the way.
            let recordURL = URL(fileURLWithPath: file + ".json")
            var record = try JSONSerialization.jsonObject(with: Data(contentsOf: recordURL)) as? [String: Any] ?? [:]
            record["tableCounts"] = ["public.items": 4001, "audit.log": 2]
            try JSONSerialization.data(withJSONObject: record).write(to: recordURL)

            let outcome = try await restoreTest(source.name)
            #expect(outcome.status == 1)
            #expect(outcome.output.contains("public.items: 4001 at backup, 4000 restored"), "\(outcome.output)\(outcome.errors)")
            #expect(try await leftovers(of: source.name).isEmpty)
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
