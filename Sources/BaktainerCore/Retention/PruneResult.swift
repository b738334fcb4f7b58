/// What a ``BackupPruner`` did (or, in a dry run, would do), for logs, metrics and the `prune` command.
package struct PruneResult: Sendable, Equatable {
    /// A backup that could not be (fully) deleted.
    package struct Failure: Sendable, Equatable, CustomStringConvertible {
        /// The backup file.
        package var path: String
        /// Why, with what to do.
        package var error: StorageError

        /// Creates a failure.
        package init(path: String, error: StorageError) {
            self.path = path
            self.error = error
        }

        package var description: String { "\(path): \(error.message)" }
    }

    /// True when nothing was deleted on purpose.
    package var dryRun: Bool
    /// Backups deleted with their sidecars (in a dry run: those that would be).
    package var deleted: [CatalogEntry] = []
    /// Bytes of the deleted backup files, from their records.
    package var deletedBytes: Int = 0
    /// Backups that could not be deleted; the others were still processed.
    package var failures: [Failure] = []

    /// Creates an empty result.
    package init(dryRun: Bool) {
        self.dryRun = dryRun
    }
}
