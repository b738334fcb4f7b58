/// MongoDB. `mongodump --archive [--db=DB] --config=FILE`, where FILE is a 0600 YAML file written inside the
/// container holding `password:` (mongodump reads the password from `--config`, keeping it off argv) and
/// removed afterwards; the variable that carried the password is unset before mongodump starts. User via `--username=USER` and `--authenticationDatabase=admin` when set.
/// Complete when non-empty.
///
/// Restore runs the same script shape with `mongorestore --archive --drop [--username=USER
/// --authenticationDatabase=admin] [--nsInclude=DB.*]` reading the archive from stdin (`--drop` replaces the
/// collections the archive holds). Baktainer cannot count collections without `mongosh`, so a restore always
/// needs `--yes`.
package struct MongoEngine: DatabaseEngine {
    package let identifier = "mongodb"
    package let fileExtension = "archive"

    /// Creates the engine.
    package init() {}

    /// The tools' words for a refused login.
    package var authenticationFailureMarkers: [String] { ["Authentication failed", "requires authentication"] }

    /// The official image's `MONGO_INITDB_*` variables.
    package var imageEnvironment: ImageEnvironment {
        ImageEnvironment(database: ["MONGO_INITDB_DATABASE"], user: ["MONGO_INITDB_ROOT_USERNAME"], password: ["MONGO_INITDB_ROOT_PASSWORD"])
    }

    static let script = #"""
        umask 077
        f=$(mktemp) || exit 70
        trap 'rm -f "$f"' EXIT
        trap 'rm -f "$f"; exit 143' TERM INT
        if [ -n "$BAKTAINER_DB_PASSWORD" ]; then
          printf 'password: "%s"\n' "$(printf '%s' "$BAKTAINER_DB_PASSWORD" | sed 's/\\/\\\\/g; s/"/\\"/g')" > "$f"
          set -- --config="$f" "$@"
        fi
        unset BAKTAINER_DB_PASSWORD
        tool=$0
        if [ "$tool" = baktainer-mongodb-restore ]; then mongorestore --archive --drop "$@"; exit $?; fi
        mongodump --archive "$@"
        """#

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ContainerCommand {
        var arguments: [String] = []
        if let user = target.user { arguments += ["--username=\(user)", "--authenticationDatabase=admin"] }
        if !target.allDatabases, let database = target.database { arguments.append("--db=\(database)") }
        return ContainerCommand(
            ["sh", "-c", Self.script, "baktainer-mongodb-dump"] + arguments,
            environment: ["BAKTAINER_DB_PASSWORD": target.password?.revealed ?? ""])
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        size > 0
    }

    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ContainerCommand {
        var arguments: [String] = []
        if let user = target.user { arguments += ["--username=\(user)", "--authenticationDatabase=admin"] }
        if !target.allDatabases, let database = target.database { arguments.append("--nsInclude=\(database).*") }
        return ContainerCommand(
            ["sh", "-c", Self.script, "baktainer-mongodb-restore"] + arguments,
            environment: ["BAKTAINER_DB_PASSWORD": target.password?.revealed ?? ""], attachStdin: true)
    }
}
