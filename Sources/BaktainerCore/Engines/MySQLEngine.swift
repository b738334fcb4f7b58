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
///
/// Restore reads the dump from stdin through the same fixed script shape and option file:
/// `CLIENT --defaults-extra-file="$f" --batch` where CLIENT is `mariadb` when the container has it, else
/// `mysql`. The client stops at the first error and names it (`ERROR 1064 (42000) at line N: …`). Dumps made
/// with `--databases`/`--all-databases` create and select their databases themselves, so nothing else is
/// passed. The content probe counts the database's tables through `information_schema` (`missing` when the
/// schema does not exist); the name reaches SQL as a quoted literal built inside the container.
package struct MySQLEngine: DatabaseEngine {
    package let identifier: String
    package let fileExtension = "sql"

    /// Creates the engine under `identifier` ("mysql" or "mariadb").
    package init(identifier: String) {
        self.identifier = identifier
    }

    /// The client's words for a refused login (`ERROR 1045 (28000): Access denied for user …`).
    package var authenticationFailureMarkers: [String] { ["Access denied for user"] }

    /// The client, the password passed on from the caller's `MYSQL_PWD` (never on a command line).
    package var manualRestoreCommand: String? {
        "docker exec -i -e MYSQL_PWD CONTAINER \(identifier == "mysql" ? "mysql" : "mariadb") -u USER [DATABASE]"
    }

    /// The start of every script here: a 0600 option file holding the credentials (from the exec's
    /// environment, never argv), removed on exit and on TERM/INT; the script goes on with `"$f"`.
    static let optionFilePreamble = #"""
        umask 077
        f=$(mktemp) || exit 70
        trap 'rm -f "$f"' EXIT
        trap 'rm -f "$f"; exit 143' TERM INT
        printf '[client]\nuser=%s\npassword=%s\n' "$BAKTAINER_DB_USER" "$BAKTAINER_DB_PASSWORD" > "$f" || exit 73
        """# + "\n"

    static let script =
        optionFilePreamble + #"""
            if command -v mariadb-dump >/dev/null 2>&1; then tool=mariadb-dump
            elif command -v mysqldump >/dev/null 2>&1; then tool=mysqldump
            else echo "neither mariadb-dump nor mysqldump is installed in this container" >&2; exit 127
            fi
            "$tool" --defaults-extra-file="$f" --single-transaction --routines --events --triggers "$@"
            """#

    static let inventoryScript =
        optionFilePreamble + #"""
            if command -v mariadb >/dev/null 2>&1; then tool=mariadb; else tool=mysql; fi
            "$tool" --defaults-extra-file="$f" -N -B -e "$1"
            """#

    /// The SQL that counts the user tables of `database` (nil: of every user schema).
    static func inventoryQuery(database: String?) -> String {
        let scope: String
        if let database {
            scope = "table_schema = '\(database.replacing("\\", with: "\\\\").replacing("'", with: "''"))'"
        } else {
            scope = "table_schema not in ('mysql', 'information_schema', 'performance_schema', 'sys')"
        }
        return """
            SET SESSION group_concat_max_len = 16777216;
            SET @q = (SELECT GROUP_CONCAT(CONCAT('SELECT ', QUOTE(CONCAT(table_schema, '.', table_name)), ', COUNT(*) FROM `',
                REPLACE(table_schema, '`', '``'), '`.`', REPLACE(table_name, '`', '``'), '`') ORDER BY table_schema, table_name SEPARATOR ' UNION ALL ')
                FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND \(scope));
            SET @q = COALESCE(@q, 'SELECT 1, 1 FROM DUAL WHERE FALSE');
            PREPARE baktainer_inventory FROM @q;
            EXECUTE baktainer_inventory;
            """
    }

    package var imageEnvironment: ImageEnvironment {
        ImageEnvironment(
            database: ["MARIADB_DATABASE", "MYSQL_DATABASE"], user: ["MARIADB_USER", "MYSQL_USER"], defaultUser: "root",
            password: ["MARIADB_PASSWORD", "MYSQL_PASSWORD"], rootUser: "root", rootPassword: ["MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD"],
            databaseRequired: true)
    }

    /// The option-file script, then `mariadb` (else `mysql`) `-N -B -e` a prepared `UNION ALL` of
    /// `SELECT 'schema.table', COUNT(*)` over the user tables of the database (or of every user schema).
    package func inventoryCommand(for target: BackupTarget) -> ContainerCommand? {
        ContainerCommand(
            [
                "sh", "-c", Self.inventoryScript, "baktainer-\(identifier)-inventory",
                Self.inventoryQuery(database: target.allDatabases ? nil : target.database),
            ],
            environment: credentials(target))
    }

    /// `mariadb-admin ping` (else `mysqladmin ping`) over TCP.
    package var readinessProbe: ContainerCommand? {
        ContainerCommand(["sh", "-c", "mariadb-admin ping -h 127.0.0.1 --silent 2>/dev/null || mysqladmin ping -h 127.0.0.1 --silent"])
    }

    /// `--databases DB` dumps carry `CREATE DATABASE` and `USE`.
    package var dumpSelectsItsDatabase: Bool { true }

    /// MySQL and MariaDB read each other's dumps.
    package func canRestore(into other: any DatabaseEngine) -> Bool { other is MySQLEngine }

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ContainerCommand {
        let scope: [String]
        if target.allDatabases {
            scope = ["--all-databases"]
        } else if let database = target.database {
            scope = ["--databases", database]
        } else {
            throw EngineError("container '\(target.containerName)': no database to dump: set baktainer.db.name, or baktainer.db.all=true")
        }
        return ContainerCommand(
            ["sh", "-c", Self.script, "baktainer-\(identifier)-dump"] + scope,
            environment: ["BAKTAINER_DB_USER": target.user ?? "root", "BAKTAINER_DB_PASSWORD": target.password?.revealed ?? ""])
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        dumpTail.containsText("-- Dump completed")
    }

    /// Counts the INSERT tuples of the dump.
    package func rowCounter(for target: BackupTarget) -> (any DumpRowCounter)? {
        MySQLInsertRowCounter(database: target.allDatabases ? nil : target.database)
    }

    static let clientScript =
        optionFilePreamble + #"""
            if command -v mariadb >/dev/null 2>&1; then tool=mariadb
            elif command -v mysql >/dev/null 2>&1; then tool=mysql
            else echo "neither mariadb nor mysql is installed in this container" >&2; exit 127
            fi
            if [ "$1" = probe ]; then
              if [ -n "$2" ]; then
                q=$(printf '%s' "$2" | sed -e 's/\\/\\\\/g' -e "s/'/''/g")
                sql="SELECT IF(EXISTS(SELECT 1 FROM information_schema.schemata WHERE schema_name = '$q'), (SELECT count(*) FROM information_schema.tables WHERE table_schema = '$q'), 'missing')"
              else
                sql="SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')"
              fi
              printf '%s\n' "$sql" | "$tool" --defaults-extra-file="$f" --batch --skip-column-names
            else
              "$tool" --defaults-extra-file="$f" --batch
            fi
            """#

    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ContainerCommand {
        ContainerCommand(["sh", "-c", Self.clientScript, "baktainer-\(identifier)-restore", "restore"], environment: credentials(target), attachStdin: true)
    }

    package func contentProbeCommand(for target: BackupTarget) -> ContainerCommand? {
        let database = target.allDatabases ? "" : (target.database ?? "")
        return ContainerCommand(["sh", "-c", Self.clientScript, "baktainer-\(identifier)-probe", "probe", database], environment: credentials(target))
    }

    static let checkScript =
        optionFilePreamble + #"""
            if command -v mariadb >/dev/null 2>&1; then tool=mariadb
            elif command -v mysql >/dev/null 2>&1; then tool=mysql
            else echo "neither mariadb nor mysql is installed in this container"; exit 127
            fi
            if [ -n "$1" ]; then set -- --database="$1"; else set --; fi
            "$tool" --defaults-extra-file="$f" --connect-timeout=10 --batch --skip-column-names "$@" -e 'SELECT 1' 2>&1
            """#

    /// The option-file script, then `mariadb` (else `mysql`) `--database=DB -e 'SELECT 1'` (no database for an
    /// all-databases target): the client and credentials of the dump, stderr folded into stdout.
    package func connectionCheck(for target: BackupTarget) -> ConnectionCheck? {
        ConnectionCheck(
            ContainerCommand(
                ["sh", "-c", Self.checkScript, "baktainer-\(identifier)-check", target.allDatabases ? "" : (target.database ?? "")],
                environment: credentials(target)),
            markers: [
                .init(.credentials, "ERROR 1045"), .init(.missingDatabase, "ERROR 1049"), .init(.databaseAccess, "ERROR 1044"),
            ])
    }

    private func credentials(_ target: BackupTarget) -> [String: String] {
        ["BAKTAINER_DB_USER": target.user ?? "root", "BAKTAINER_DB_PASSWORD": target.password?.revealed ?? ""]
    }
}
