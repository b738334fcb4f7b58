import DockerEngineAPI

/// MySQL and MariaDB (`baktainer.db.engine` `mysql` or `mariadb`). Runs, through `sh -c` with a fixed script
/// whose only inputs are positional parameters and the environment (label values are never shell code):
///
/// ```
/// umask 077; f=$(mktemp)            # a 0600 option file inside the container …
/// trap 'rm -f "$f"' EXIT INT TERM  # … removed afterwards, on failure too
/// printf '[client]\nuser=%s\npassword=%s\n' "$BAKTAINER_DB_USER" "$BAKTAINER_DB_PASSWORD" > "$f"
/// TOOL --defaults-extra-file="$f" --single-transaction --routines --events --triggers [--databases DB | --all-databases]
/// ```
///
/// TOOL is `mariadb-dump` when the container has it (MariaDB 11 images have no `mysqldump`), else
/// `mysqldump`. Labels read: `baktainer.db.name`, `baktainer.db.user` (default `root`),
/// `baktainer.db.password`, `baktainer.db.all`. Complete when the dump ends with "-- Dump completed".
package struct MySQLEngine: DatabaseEngine {
    package let identifier: String
    package let fileExtension = "sql"

    /// Creates the engine under `identifier` ("mysql" or "mariadb").
    package init(identifier: String) {
        self.identifier = identifier
    }

    static let script = #"""
        umask 077
        f=$(mktemp) || exit 70
        trap 'rm -f "$f"' EXIT
        trap 'rm -f "$f"; exit 143' TERM INT
        printf '[client]\nuser=%s\npassword=%s\n' "$BAKTAINER_DB_USER" "$BAKTAINER_DB_PASSWORD" > "$f" || exit 73
        if command -v mariadb-dump >/dev/null 2>&1; then tool=mariadb-dump
        elif command -v mysqldump >/dev/null 2>&1; then tool=mysqldump
        else echo "neither mariadb-dump nor mysqldump is installed in this container" >&2; exit 127
        fi
        "$tool" --defaults-extra-file="$f" --single-transaction --routines --events --triggers "$@"
        """#

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ExecCommand {
        let scope: [String]
        if target.allDatabases {
            scope = ["--all-databases"]
        } else if let database = target.database {
            scope = ["--databases", database]
        } else {
            throw EngineError("container '\(target.containerName)': no database to dump: set baktainer.db.name, or baktainer.db.all=true")
        }
        return ExecCommand(
            ["sh", "-c", Self.script, "baktainer-\(identifier)-dump"] + scope,
            environment: ["BAKTAINER_DB_USER": target.user ?? "root", "BAKTAINER_DB_PASSWORD": target.password?.revealed ?? ""])
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        dumpTail.containsText("-- Dump completed")
    }
}
