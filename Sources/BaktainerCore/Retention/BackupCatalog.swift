#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The backups Baktainer made that are in the backup directory, found by scanning `<root>/YYYY-MM-DD/`.
///
/// A file counts only if its name is Baktainer's (`<name>-<digits>.<ext…>`, not a `.json`, `.sha256` or
/// `.partial` file), it is a regular file, and its `<file>.json` sidecar decodes as a ``BackupRecord`` whose `file`
/// has the same file name. Anything else (foreign files, files without a record, other directories) is not in the
/// catalog and so is never pruned; a record that cannot be read is reported in ``warnings``.
package struct BackupCatalog: Sendable, Equatable {
    /// The scanned backup directory.
    package var root: String
    /// The backups found, by path.
    package var entries: [CatalogEntry]
    /// Backup-like files left out because their record is unreadable or names another file, and day directories
    /// that could not be listed.
    package var warnings: [CatalogWarning]

    /// Creates a catalog from its parts.
    package init(root: String, entries: [CatalogEntry], warnings: [CatalogWarning] = []) {
        self.root = root
        self.entries = entries
        self.warnings = warnings
    }

    /// Scans `root`; throws a ``StorageError`` when `root` itself cannot be listed.
    package static func scan(root: String) throws(StorageError) -> BackupCatalog {
        let root = BackupLayout(root: root).root
        let files = FileManager.default
        let days: [String]
        do {
            days = try files.contentsOfDirectory(atPath: root).filter(BackupFileName.isDateDirectoryName).sorted()
        } catch {
            throw StorageError(.ioError, "cannot list the backup directory \(root): check BT_BACKUP_DIR and its permissions (\(error))")
        }
        var catalog = BackupCatalog(root: root, entries: [])
        for day in days {
            let directory = "\(root)/\(day)"
            guard Self.fileType(directory) == .typeDirectory else { continue }
            let names: [String]
            do {
                names = try files.contentsOfDirectory(atPath: directory).sorted()
            } catch {
                catalog.warnings.append(CatalogWarning(path: directory, message: "cannot list this directory, its backups are left alone: check its permissions"))
                continue
            }
            let present = Set(names)
            for name in names where BackupFileName(name) != nil && present.contains(name + ".json") {
                let path = "\(directory)/\(name)"
                guard Self.fileType(path) == .typeRegular else { continue }
                switch Self.record(at: path + ".json", for: name) {
                case .success(let record): catalog.entries.append(CatalogEntry(path: path, record: record))
                case .failure(let warning): catalog.warnings.append(warning)
                }
            }
        }
        return catalog
    }

    /// The entries grouped by stream.
    package var streams: [BackupStream: [CatalogEntry]] {
        Dictionary(grouping: entries, by: \.stream)
    }

    private static func record(at path: String, for fileName: String) -> Result<BackupRecord, CatalogWarning> {
        let record: BackupRecord
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            record = try JSONDecoder().decode(BackupRecord.self, from: data)
        } catch {
            return .failure(CatalogWarning(path: path, message: "unreadable backup record, so its backup is never pruned: fix or delete the record by hand (\(error))"))
        }
        guard CatalogEntry.lastComponent(of: record.file) == fileName else {
            return .failure(CatalogWarning(path: path, message: "the record describes '\(record.file)', not '\(fileName)', so the backup is never pruned: fix or delete the record by hand"))
        }
        return .success(record)
    }

    /// The type of the item at `path` itself (a symbolic link is not followed); nil when it cannot be read.
    private static func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }
}
