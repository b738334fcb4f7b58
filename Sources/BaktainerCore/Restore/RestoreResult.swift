/// A finished restore.
package struct RestoreResult: Sendable, Equatable {
    /// The destination container's name.
    package var container: String
    /// The destination database, if one.
    package var database: String?
    /// The restored file.
    package var file: String
    /// Dump bytes fed to the restore tool.
    package var bytes: Int
    /// Seconds from the first byte to the tool's exit.
    package var durationSeconds: Double

    /// Creates a result.
    package init(container: String, database: String?, file: String, bytes: Int, durationSeconds: Double) {
        self.container = container
        self.database = database
        self.file = file
        self.bytes = bytes
        self.durationSeconds = durationSeconds
    }
}
