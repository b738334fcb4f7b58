import DockerEngineAPI

/// Counts the rows of every table of a target's database, exactly (`count(*)`), for restore tests: the counts of
/// a restored copy, compared with those a ``DumpRowCounter`` took from the dump as it streamed.
///
/// Runs inside the database container, credentials as the dump passes them (never in argv), and prints one
/// `schema.table<TAB>rows` line per table:
/// - postgres (one database): `psql --no-psqlrc -At -F TAB --dbname=DB -c QUERY`, QUERY counting each table of
///   `information_schema.tables` through `query_to_xml`; `PGPASSWORD` in the environment.
/// - mysql, mariadb (one database or all): the dump's 0600 option-file script, then `mariadb` (else `mysql`)
///   `-N -B -e` a prepared `UNION ALL` of `SELECT 'schema.table', COUNT(*)` over the user tables.
///
/// Other engines (and postgres with `baktainer.db.all`) have no inventory: nil.
package enum TableInventory {
    static let postgresQuery = """
        select table_schema || '.' || table_name,
               (xpath('/row/c/text()', query_to_xml(format('select count(*) as c from %I.%I', table_schema, table_name), false, true, '')))[1]::text
        from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        order by 1
        """

    static let mysqlScript = MySQLEngine.optionFilePreamble + #"""
        if command -v mariadb >/dev/null 2>&1; then tool=mariadb; else tool=mysql; fi
        "$tool" --defaults-extra-file="$f" -N -B -e "$1"
        """#

    /// The SQL that counts the user tables of `database` (nil: of every user schema).
    static func mysqlQuery(database: String?) -> String {
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

    /// The command that prints the inventory of `target`, or nil when its engine has none.
    package static func command(for target: BackupTarget) -> ExecCommand? {
        switch target.engine {
        case "postgres":
            guard !target.allDatabases, let database = target.database else { return nil }
            var environment: [String: String] = [:]
            if let password = target.password { environment["PGPASSWORD"] = password.revealed }
            return ExecCommand(
                ["psql", "--no-psqlrc", "--username=\(target.user ?? "postgres")", "--no-password", "-At", "-F", "\t", "--dbname=\(database)", "-c", postgresQuery],
                environment: environment)
        case "mysql", "mariadb":
            return ExecCommand(
                ["sh", "-c", mysqlScript, "baktainer-\(target.engine)-inventory", mysqlQuery(database: target.allDatabases ? nil : target.database)],
                environment: ["BAKTAINER_DB_USER": target.user ?? "root", "BAKTAINER_DB_PASSWORD": target.password?.revealed ?? ""])
        default:
            return nil
        }
    }

    /// Takes the inventory of `target` in `container` (default: the target's own container): nil when the
    /// engine has none. Throws an ``EngineError`` with the tool's stderr when the query fails.
    package static func take(of target: BackupTarget, in container: String? = nil, client: DockerClient) async throws -> [String: Int]? {
        guard let command = command(for: target) else { return nil }
        let (termination, output) = try await client.runCollecting(command, in: container ?? target.containerID, limit: 4 << 20)
        guard termination.exitCode == 0 else {
            throw EngineError("counting the tables exited \(termination.exitCode): \(termination.stderrTail.lastLines(3))")
        }
        guard let counts = parse(output) else { throw EngineError("the table inventory has an unexpected shape") }
        return counts
    }

    /// Parses `table<TAB>rows` lines; nil when a line is not of that shape.
    package static func parse(_ output: String) -> [String: Int]? {
        var counts: [String: Int] = [:]
        for line in output.split(separator: "\n") where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let rows = Int(fields[1]) else { return nil }
            counts[String(fields[0])] = rows
        }
        return counts
    }
}
