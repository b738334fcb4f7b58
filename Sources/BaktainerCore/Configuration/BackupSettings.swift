/// Where and how widely backups run, read once at start-up (see ``ConfigurationValues``).
///
/// Keys:
/// - `BT_BACKUP_DIR` (string, absolute path): backup directory; default `/backups`.
/// - `BT_BACKUP_DIR_CREATE_PARENTS` (bool): create every missing folder of the backup directory; default false
///   (only its last folder is created).
/// - `BT_THREADS` (int 1…64): backups run at the same time; default 4.
/// - `BT_FILTER_LABEL` (`key=value` or `key`): a label containers must carry besides `baktainer.backup=true`.
package struct BackupSettings: Sendable, Equatable {
    /// The backup directory.
    package var backupDirectory: String
    /// Whether every missing folder of ``backupDirectory`` is created, not only the last.
    package var createsBackupDirectoryParents: Bool
    /// How many targets are dumped at once.
    package var maximumConcurrentBackups: Int
    /// The label filters that select containers: `baktainer.backup=true`, plus `BT_FILTER_LABEL` when set.
    package var discoveryLabels: [String] = [BackupLabel.backupFilter]

    /// Reads the settings; throws a ``ConfigurationError`` naming the setting and its source when a value is malformed.
    package init(configuration values: ConfigurationValues) throws(ConfigurationError) {
        let directory = values.string(EnvironmentKey.backupDirectory) ?? "/backups"
        guard directory.hasPrefix("/") else {
            throw values.error(EnvironmentKey.backupDirectory, "'\(directory)' is not an absolute path")
        }
        backupDirectory = directory
        createsBackupDirectoryParents = try values.bool(EnvironmentKey.backupDirectoryCreateParents) ?? false
        maximumConcurrentBackups = try values.integer(EnvironmentKey.threads, in: 1...64) ?? 4
        if let filter = values.string(EnvironmentKey.filterLabel) {
            guard !filter.hasPrefix("="), !filter.contains(where: { $0.isWhitespace }) else {
                throw values.error(EnvironmentKey.filterLabel, "'\(filter)' is not a label filter: use key=value or key, without spaces")
            }
            discoveryLabels.append(filter)
        }
    }
}
