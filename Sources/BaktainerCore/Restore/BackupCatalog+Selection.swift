extension BackupCatalog {
    /// The newest backup of `name` — a backup name (`baktainer.name`), or the container it came from — made on
    /// the UTC day `day` (`YYYY-MM-DD`, the day directory) when given. nil when there is none.
    package func latest(named name: String, onDay day: String? = nil) -> CatalogEntry? {
        entries
            .filter { entry in
                entry.stream.backupName == name || entry.record.backupName == name || entry.record.container == name
            }
            .filter { entry in
                guard let day else { return true }
                return entry.key.day == day
            }
            .max { ($0.record.startedAt, $0.key) < ($1.record.startedAt, $1.key) }
    }
}
