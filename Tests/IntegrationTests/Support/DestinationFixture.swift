import Foundation

/// What the destination tests share: a backup directory of the test's own, a labelled PostgreSQL with rows, the
/// `baktainer` binary run against both, and the local backups' keys.
struct DestinationFixture {
    /// The backup directory (`BT_BACKUP_DIR`).
    let directory = "/var/tmp/bt-destination-tests/\(UUID().uuidString.prefix(8))"

    /// Starts a PostgreSQL labelled for backup as `shop-<run>` with `rows` rows in `items`.
    func startPostgres(run: String, rows: Int) async throws -> (container: String, password: String) {
        let password = "pg-\(run)-secret"
        let container = try await TestBed.startContainer(
            fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres", "baktainer.name": "shop-\(run)"],
            environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
        try await TestBed.waitReady(container, engine: "postgres")
        _ = try await psql(
            container, password,
            "create table items(id int primary key, name text); insert into items select g, md5(g::text) || repeat('x', 60) from generate_series(1, \(rows)) g;"
        )
        return (container, password)
    }

    /// Runs `sql` in the container's database; its output.
    func psql(_ container: String, _ password: String, _ sql: String) async throws -> String {
        try await TestBed.docker([
            "exec", "-e", "PGPASSWORD=\(password)", container, "psql", "-X", "-v", "ON_ERROR_STOP=1", "-U", "app", "-d", "shop", "-tAc", sql,
        ])
    }

    /// Runs `baktainer ARGUMENTS` with the backup directory and `environment`.
    func baktainer(_ arguments: [String], _ environment: [String: String]) async throws -> BaktainerProcess.Outcome {
        try await BaktainerProcess.run(arguments, environment: ["BT_BACKUP_DIR": directory].merging(environment) { $1 })
    }

    /// Local backup keys (`YYYY-MM-DD/<file>`), oldest first.
    func localKeys() throws -> [String] {
        let days = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.count == 10 }.sorted()
        return try days.flatMap { day in
            try FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(day)").filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".sha256") }
                .sorted().map { "\(day)/\($0)" }
        }
    }
}
