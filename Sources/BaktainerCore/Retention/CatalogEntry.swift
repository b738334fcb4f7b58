#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One backup a storage holds: its key, where it is, the record written with it, and the stream it belongs to.
package struct CatalogEntry: Sendable, Equatable {
    /// The backup's key in its storage.
    package var key: BackupKey
    /// Where it is, for people (``BackupStorage/location(of:)``).
    package var location: String
    /// The decoded `<file>.json` record.
    package var record: BackupRecord
    /// When the backup started (`record.startedAt`).
    package var date: Date
    /// The stream the backup belongs to.
    package var stream: BackupStream

    /// Creates an entry for `key` (at `location`) described by `record`. The stream is `record.backupName`/`record.schedule`; a
    /// record without `backupName` falls back to the name in the file name (minus `-<schedule>`), then the container.
    package init(key: BackupKey, location: String, record: BackupRecord) {
        self.key = key
        self.location = location
        self.record = record
        self.date = Date(timeIntervalSince1970: record.startedAt)
        let schedule = BackupStream(backupName: "", schedule: record.schedule).schedule
        var name = record.backupName
        if name == nil || name?.isEmpty == true, let parsed = BackupFileName(key.fileName) {
            let suffix = schedule.map { "-\($0)" } ?? ""
            name = suffix.isEmpty || !parsed.name.hasSuffix(suffix) ? parsed.name : String(parsed.name.dropLast(suffix.count))
        }
        self.stream = BackupStream(backupName: name ?? record.container, schedule: schedule)
    }

    /// The file name without its directory.
    package var fileName: String { key.fileName }

    static func lastComponent(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}
