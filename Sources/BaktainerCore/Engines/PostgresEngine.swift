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
}
