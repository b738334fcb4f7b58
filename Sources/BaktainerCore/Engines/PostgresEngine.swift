import DockerEngineAPI

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
///   --single-transaction --dbname=DB` — the first error stops it and rolls everything back; reading stdin as
///   a file (`--file=-`) makes psql name the line (`psql:<stdin>:LINE: ERROR: …`).
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

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ExecCommand {
        let user = target.user ?? "postgres"
        var environment: [String: String] = [:]
        if let password = target.password { environment["PGPASSWORD"] = password.revealed }
        if target.allDatabases {
            return ExecCommand(
                ["pg_dumpall", "--username=\(user)", "--no-password", "--clean", "--if-exists"], environment: environment)
        }
        guard let database = target.database else {
            throw EngineError("container '\(target.containerName)': no database to dump: set baktainer.db.name, or baktainer.db.all=true")
        }
        return ExecCommand(
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

    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ExecCommand {
        let common = ["psql", "--username=\(target.user ?? "postgres")", "--no-password", "--no-psqlrc", "--quiet", "--file=-"]
        guard let database = target.database, !target.allDatabases else {
            return ExecCommand(common + ["--dbname=postgres"], environment: passwordEnvironment(target), attachStdin: true)
        }
        return ExecCommand(
            common + ["--set=ON_ERROR_STOP=1", "--single-transaction", "--dbname=\(database)"], environment: passwordEnvironment(target),
            attachStdin: true)
    }

    static let probeScript = #"""
        exists=$(psql -X -tA --username="$2" --no-password --dbname=postgres -v ON_ERROR_STOP=1 -v db="$1" <<'SQL'
        SELECT count(*) FROM pg_database WHERE datname = :'db';
        SQL
        ) || exit 1
        if [ "$exists" = 0 ]; then echo missing; exit 0; fi
        psql -X -tA --username="$2" --no-password --dbname="$1" -v ON_ERROR_STOP=1 \
          -c "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        """#

    static let createScript = #"""
        psql -X -q --username="$2" --no-password --dbname=postgres -v ON_ERROR_STOP=1 -v db="$1" <<'SQL'
        CREATE DATABASE :"db";
        SQL
        """#

    package func contentProbeCommand(for target: BackupTarget) -> ExecCommand? {
        let user = target.user ?? "postgres"
        guard let database = target.database, !target.allDatabases else {
            return ExecCommand(
                ["psql", "-X", "-tA", "--username=\(user)", "--no-password", "--dbname=postgres", "-c",
                 "SELECT count(*) FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')"],
                environment: passwordEnvironment(target))
        }
        return ExecCommand(["sh", "-c", Self.probeScript, "baktainer-postgres-probe", database, user], environment: passwordEnvironment(target))
    }

    package func createDatabaseCommand(for target: BackupTarget) -> ExecCommand? {
        guard let database = target.database, !target.allDatabases else { return nil }
        return ExecCommand(
            ["sh", "-c", Self.createScript, "baktainer-postgres-create", database, target.user ?? "postgres"],
            environment: passwordEnvironment(target))
    }

    private func passwordEnvironment(_ target: BackupTarget) -> [String: String] {
        target.password.map { ["PGPASSWORD": $0.revealed] } ?? [:]
    }
}
