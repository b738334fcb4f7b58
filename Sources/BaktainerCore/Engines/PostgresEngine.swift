/// PostgreSQL. Runs, as the container's default user:
///
/// - one database: `pg_dump --username=USER --no-password --clean --if-exists --dbname=DB` (pg_dump reads
///   from one consistent snapshot by itself)
/// - all databases (`baktainer.db.all=true`): `pg_dumpall --username=USER --no-password --clean --if-exists`
///
/// The password travels as `PGPASSWORD` in the exec's environment. Labels read: `baktainer.db.name`,
/// `baktainer.db.user` (default `postgres`), `baktainer.db.password`, `baktainer.db.all`.
/// A dump is complete when it ends with pg_dump's "PostgreSQL database dump complete" trailer
/// (pg_dumpall: "PostgreSQL database cluster dump complete").
///
/// Restore reads the plain SQL dump from stdin:
///
/// - one database: `psql --username=USER --no-password --no-psqlrc --quiet --file=- --set=ON_ERROR_STOP=1
///   --dbname=DB`, fed `BEGIN;`, the dump, then `COMMIT;` (``restoreTransaction(for:)``) — the first error
///   stops it and rolls everything back, and so does an input that ends before `COMMIT;` (psql's own
///   `--single-transaction` commits at end of input, which can take in a dump cut off inside its COPY data).
///   Reading stdin as a file (`--file=-`) makes psql name the line (`psql:<stdin>:LINE: ERROR: …`).
/// - a `pg_dumpall` dump (no database): `psql --username=USER --no-password --no-psqlrc --quiet --file=-
///   --dbname=postgres`, without a single transaction (the dump creates databases and connects to them) and
///   without stopping at errors (it re-creates the role psql runs as, which always fails); errors are printed.
///
/// The content probe counts tables outside `pg_catalog`/`information_schema` (`missing` when the database
/// does not exist); `--create` runs `CREATE DATABASE :"db"` with the name as a psql variable, never as SQL text.
package struct PostgresEngine: DatabaseEngine {
    package let identifier = "postgres"
    package let fileExtension = "sql"

    /// Creates the engine.
    package init() {}

    /// libpq's words for a refused login.
    package var authenticationFailureMarkers: [String] { ["password authentication failed", "no password supplied", "authentication failed for user"] }

    /// psql in one transaction, stopping at the first error.
    package var manualRestoreCommand: String? {
        "docker exec -i CONTAINER psql -U USER -d DATABASE --single-transaction -v ON_ERROR_STOP=1"
    }

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ContainerCommand {
        let user = target.user ?? "postgres"
        var environment: [String: String] = [:]
        if let password = target.password { environment["PGPASSWORD"] = password.revealed }
        if target.allDatabases {
            return ContainerCommand(
                ["pg_dumpall", "--username=\(user)", "--no-password", "--clean", "--if-exists"], environment: environment)
        }
        guard let database = target.database else {
            throw EngineError("container '\(target.containerName)': no database to dump: set baktainer.db.name, or baktainer.db.all=true")
        }
        return ContainerCommand(
            ["pg_dump", "--username=\(user)", "--no-password", "--clean", "--if-exists", "--dbname=\(database)"],
            environment: environment)
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        dumpTail.containsText("PostgreSQL database dump complete") || dumpTail.containsText("PostgreSQL database cluster dump complete")
    }

    /// Counts the COPY rows of a pg_dump; a pg_dumpall dump is not counted.
    package func rowCounter(for target: BackupTarget) -> (any DumpRowCounter)? {
        target.allDatabases ? nil : PostgresCopyRowCounter()
    }

    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ContainerCommand {
        let common = ["psql", "--username=\(target.user ?? "postgres")", "--no-password", "--no-psqlrc", "--quiet", "--file=-"]
        guard let database = target.database, !target.allDatabases else {
            return ContainerCommand(common + ["--dbname=postgres"], environment: passwordEnvironment(target), attachStdin: true)
        }
        return ContainerCommand(
            common + ["--set=ON_ERROR_STOP=1", "--dbname=\(database)"], environment: passwordEnvironment(target), attachStdin: true)
    }

    /// One database: `BEGIN;` … `COMMIT;`. A `pg_dumpall` dump creates databases and connects to them, which
    /// no transaction spans.
    package func restoreTransaction(for target: BackupTarget) -> RestoreTransaction? {
        guard target.database != nil, !target.allDatabases else { return nil }
        return RestoreTransaction(begin: "BEGIN;", commit: "COMMIT;")
    }

    /// Prints the number of tables in database `$1` (connecting as `$2`), or `missing` when there is no such database.
    /// The common case costs one psql start: the count is asked for first, and only when that fails does the script
    /// look for the database (so a missing one is told apart from any other failure without parsing messages,
    /// which a server may print in its own language).
    static let probeScript = #"""
        tables="SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        psql -X -tA --username="$2" --no-password --dbname="$1" -v ON_ERROR_STOP=1 -c "$tables" 2>/dev/null && exit 0
        exists=$(psql -X -tA --username="$2" --no-password --dbname=postgres -v ON_ERROR_STOP=1 -v db="$1" <<'SQL'
        SELECT count(*) FROM pg_database WHERE datname = :'db';
        SQL
        ) || exit 1
        if [ "$exists" = 0 ]; then echo missing; exit 0; fi
        psql -X -tA --username="$2" --no-password --dbname="$1" -v ON_ERROR_STOP=1 -c "$tables"
        """#

    static let createScript = #"""
        psql -X -q --username="$2" --no-password --dbname=postgres -v ON_ERROR_STOP=1 -v db="$1" <<'SQL'
        CREATE DATABASE :"db";
        SQL
        """#

    package func contentProbeCommand(for target: BackupTarget) -> ContainerCommand? {
        let user = target.user ?? "postgres"
        guard let database = target.database, !target.allDatabases else {
            return ContainerCommand(
                [
                    "psql", "-X", "-tA", "--username=\(user)", "--no-password", "--dbname=postgres", "-c",
                    "SELECT count(*) FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')",
                ],
                environment: passwordEnvironment(target))
        }
        return ContainerCommand(["sh", "-c", Self.probeScript, "baktainer-postgres-probe", database, user], environment: passwordEnvironment(target))
    }

    package func createDatabaseCommand(for target: BackupTarget) -> ContainerCommand? {
        guard let database = target.database, !target.allDatabases else { return nil }
        return ContainerCommand(
            ["sh", "-c", Self.createScript, "baktainer-postgres-create", database, target.user ?? "postgres"],
            environment: passwordEnvironment(target))
    }

    static let inventoryQuery = """
        select table_schema || '.' || table_name,
               (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name), false, true, '')))[1]::text
        from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        order by 1
        """

    package var imageEnvironment: ImageEnvironment {
        ImageEnvironment(
            database: ["POSTGRES_DB"], databaseDefaultsToUser: true, user: ["POSTGRES_USER"], defaultUser: "postgres",
            password: ["POSTGRES_PASSWORD"], databaseRequired: true)
    }

    /// `psql --no-psqlrc -At -F TAB --dbname=DB -c QUERY`, QUERY counting each table of `information_schema.tables`
    /// through `query_to_xml`; `PGPASSWORD` in the environment. None for `pg_dumpall` targets.
    package func inventoryCommand(for target: BackupTarget) -> ContainerCommand? {
        guard !target.allDatabases, let database = target.database else { return nil }
        return ContainerCommand(
            [
                "psql", "--no-psqlrc", "--username=\(target.user ?? "postgres")", "--no-password", "-At", "-F", "\t", "--dbname=\(database)", "-c",
                Self.inventoryQuery,
            ],
            environment: passwordEnvironment(target))
    }

    /// `pg_isready -q -h 127.0.0.1`.
    package var readinessProbe: ContainerCommand? { ContainerCommand(["pg_isready", "-q", "-h", "127.0.0.1"]) }

    /// `psql -X -tA --username=USER --no-password --dbname=DB -c 'select 1'` over the socket pg_dump uses (the
    /// `postgres` database for a `pg_dumpall` target), `PGPASSWORD` in the environment, stderr folded into stdout.
    package func connectionCheck(for target: BackupTarget) -> ConnectionCheck? {
        let database = target.allDatabases ? "postgres" : (target.database ?? "postgres")
        var environment = passwordEnvironment(target)
        environment["PGCONNECT_TIMEOUT"] = "10"
        return ConnectionCheck(
            ContainerCommand(
                [
                    "sh", "-c", #"psql -X -tA --username="$1" --no-password --dbname="$2" -c 'select 1' 2>&1"#, "baktainer-postgres-check",
                    target.user ?? "postgres", database,
                ],
                environment: environment),
            markers: [
                .init(.credentials, "password authentication failed"), .init(.credentials, "no password supplied"),
                .init(.unknownUser, "role \"", "does not exist"), .init(.missingDatabase, "database \"", "does not exist"),
                .init(.databaseAccess, "permission denied for database"),
            ])
    }

    private func passwordEnvironment(_ target: BackupTarget) -> [String: String] {
        target.password.map { ["PGPASSWORD": $0.revealed] } ?? [:]
    }
}
