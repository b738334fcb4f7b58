#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What retention decides for a set of backups: which to keep (and every rule that keeps each) and which to delete.
///
/// Built per stream: entries are grouped by ``BackupStream`` and each group is judged alone with its own policy,
/// so streams never affect each other. Within `keep` and `delete`, streams come in name order and each stream's
/// backups newest first (ties broken by ``CatalogEntry/isNewer(than:)``, so the plan does not depend on input order).
package struct RetentionPlan: Sendable, Equatable {
    /// A backup that stays, with every reason it stays.
    package struct Kept: Sendable, Equatable {
        /// The backup.
        package var entry: CatalogEntry
        /// Every rule that keeps it, in rule order (`last`, `hourly`, … `within`, then safeguards).
        package var reasons: [RetentionReason]

        /// Creates a kept backup.
        package init(entry: CatalogEntry, reasons: [RetentionReason]) {
            self.entry = entry
            self.reasons = reasons
        }
    }

    /// Backups to keep.
    package var keep: [Kept]
    /// Backups to delete.
    package var delete: [CatalogEntry]

    /// Creates a plan from its parts.
    package init(keep: [Kept] = [], delete: [CatalogEntry] = []) {
        self.keep = keep
        self.delete = delete
    }

    /// Groups `existing` by stream and applies to each group the policy `policy(stream)` returns.
    ///
    /// Pure: `now` and `timeZone` are the only notion of time. Whatever the policies, the newest backup of every
    /// stream and every backup dated after `now` are kept, so a stream is never emptied.
    package init(
        existing: [CatalogEntry], now: Date, timeZone: TimeZone = .gmt, policy: (BackupStream) -> RetentionPolicy
    ) {
        self.init()
        let streams = Dictionary(grouping: existing, by: \.stream)
        for stream in streams.keys.sorted() {
            let part = policy(stream).planStream(streams[stream] ?? [], now: now, timeZone: timeZone)
            keep += part.keep
            delete += part.delete
        }
    }

    /// The kept backups' reasons by path.
    package var reasonsByPath: [String: [RetentionReason]] {
        Dictionary(keep.map { ($0.entry.location, $0.reasons) }, uniquingKeysWith: { first, _ in first })
    }
}
