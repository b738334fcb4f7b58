/// A passed restore test: what was restored and counted.
package struct RestoreTestReport: Sendable, Equatable {
    /// The backup name (stream) tested.
    package var target: String
    /// The backup file.
    package var file: String
    /// Tables found after the restore.
    package var tables: Int
    /// Rows in them.
    package var rows: Int
    /// Whether counts recorded at backup time were compared (older backups have none).
    package var compared: Bool
    /// Whole seconds from starting the throw-away container to the comparison.
    package var durationSeconds: Double

    /// Creates a report.
    package init(target: String, file: String, tables: Int, rows: Int, compared: Bool, durationSeconds: Double) {
        self.target = target
        self.file = file
        self.tables = tables
        self.rows = rows
        self.compared = compared
        self.durationSeconds = durationSeconds
    }

    /// One line for logs and tables.
    package var summary: String {
        "\(tables.counted("table")), \(rows.counted("row")) restored"
            + (compared ? ", equal to the counts at backup time" : "; no counts were recorded at backup time to compare")
    }
}
