/// Where and how widely backups run, read from the environment once at start-up.
///
/// Keys:
/// - `BT_BACKUP_DIR` (string, absolute path): backup directory; default `/backups`.
/// - `BT_THREADS` (int 1…64): backups run at the same time; default 4.
package struct BackupSettings: Sendable, Equatable {
    /// The backup directory.
    package var backupDirectory: String
    /// How many targets are dumped at once.
    package var maximumConcurrentBackups: Int

    /// Reads the settings; throws a ``ConfigurationError`` naming the variable when a value is malformed.
    package init(environment: EnvironmentValues) throws(ConfigurationError) {
        let directory = environment.string(EnvironmentKey.backupDirectory) ?? "/backups"
        guard directory.hasPrefix("/") else {
            throw ConfigurationError(setting: EnvironmentKey.backupDirectory, "'\(directory)' is not an absolute path")
        }
        backupDirectory = directory
        maximumConcurrentBackups = try environment.integer(EnvironmentKey.threads, in: 1...64) ?? 4
    }
}
