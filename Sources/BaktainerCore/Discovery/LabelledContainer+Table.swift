extension [LabelledContainer] {
    /// The `baktainer list` table: name, engine, database, backup name, state, validation.
    package func table() -> TextTable {
        TextTable(
            header: ["NAME", "ENGINE", "DATABASE", "BACKUP NAME", "STATE", "VALIDATION"],
            rows: map { [$0.name, $0.engine ?? "-", $0.database ?? "-", $0.backupName, $0.state, $0.validation ?? "not checked (not running)"] })
    }
}
