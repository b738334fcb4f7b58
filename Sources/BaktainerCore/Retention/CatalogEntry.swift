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

    /// Creates an entry for `key` (at `location`) described by `record`. The stream is `record.backupName`/`record.schedule`
    /// of `record.container`; a record without `backupName` falls back to the name in the file name (minus
    /// `-<schedule>`), then the container.
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
        self.stream = BackupStream(backupName: name ?? record.container, schedule: schedule, container: record.container)
    }

    /// Whether this backup comes before `other` newest first: the later start, then the later file name (seconds,
    /// then `_n`: `db-100_10.sql` after `db-100_2.sql`), then the greater location.
    package func isNewer(than other: CatalogEntry) -> Bool {
        if date != other.date { return date > other.date }
        if let mine = BackupFileName(fileName), let theirs = BackupFileName(other.fileName), mine != theirs { return mine > theirs }
        return location > other.location
    }

    /// The file name without its directory.
    package var fileName: String { key.fileName }

    static func lastComponent(of path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }
}
