/// One stream of backups that retention treats on its own: a backup name and the named schedule that made them.
///
/// Each stream keeps its own newest backup and its own buckets, so an hourly stream never thins out the
/// default (daily) stream of the same database, and two databases never affect each other.
package struct BackupStream: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The backup name (`baktainer.name` or the container name).
    package var backupName: String
    /// The named schedule; nil for the default stream.
    package var schedule: String?

    /// Creates a stream key; `BackupSchedule.defaultName` and an empty name count as the default stream (nil).
    package init(backupName: String, schedule: String? = nil) {
        self.backupName = backupName
        self.schedule = schedule == BackupSchedule.defaultName || schedule?.isEmpty == true ? nil : schedule
    }

    /// `name` for the default stream, `name/schedule` for a named one.
    package var description: String {
        schedule.map { "\(backupName)/\($0)" } ?? backupName
    }

    package static func < (lhs: BackupStream, rhs: BackupStream) -> Bool {
        (lhs.backupName, lhs.schedule ?? "") < (rhs.backupName, rhs.schedule ?? "")
    }
}
