#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The backups a storage holds (its ``BackupStorage/list()``): each with its record and the stream it belongs to.
///
/// A backup counts only if its name is Baktainer's (`<name>-<digits>.<ext…>`, not a `.json`, `.sha256` or
/// `.partial` file) and its JSON record decodes as a ``BackupRecord`` naming the same file. Anything else is not
/// in the catalog and so is never pruned; a record that cannot be read is reported in ``warnings``.
package struct BackupCatalog: Sendable, Equatable {
    /// The backups found.
    package var entries: [CatalogEntry]
    /// Backup-like files left out because their record is unreadable or names another file, and folders that
    /// could not be listed.
    package var warnings: [CatalogWarning]
    /// Unfinished (`.partial`) files no live writer holds: left by a run that was killed or crashed. Not backups
    /// and not a fault of any backup; reported so that they are not left forever.
    package var staleFiles: [CatalogWarning]

    /// Creates a catalog from its parts.
    package init(entries: [CatalogEntry], warnings: [CatalogWarning] = [], staleFiles: [CatalogWarning] = []) {
        self.entries = entries
        self.warnings = warnings
        self.staleFiles = staleFiles
    }

    /// The entries grouped by stream.
    package var streams: [BackupStream: [CatalogEntry]] {
        Dictionary(grouping: entries, by: \.stream)
    }

    /// Decodes the record stored for `key` (at `location`, for the warning): the record, or why the backup is left out.
    package static func decodeRecord(_ bytes: [UInt8]?, for key: BackupKey, at location: String) -> Result<BackupRecord, CatalogWarning> {
        let record: BackupRecord
        do {
            guard let bytes else { throw StorageError(.ioError, "missing") }
            record = try JSONDecoder().decode(BackupRecord.self, from: Data(bytes))
        } catch {
            return .failure(
                CatalogWarning(path: location, message: "unreadable backup record, so its backup is never pruned: fix or delete the record by hand (\(error))"))
        }
        guard CatalogEntry.lastComponent(of: record.file) == key.fileName else {
            return .failure(
                CatalogWarning(
                    path: location,
                    message: "the record describes '\(record.file)', not '\(key.fileName)', so the backup is never pruned: fix or delete the record by hand"))
        }
        return .success(record)
    }
}
