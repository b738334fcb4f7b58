/// One stream of backups that retention treats on its own: a backup name and the named schedule that made them,
/// from one container.
///
/// Each stream keeps its own newest backup and its own buckets, so an hourly stream never thins out the
/// default (daily) stream of the same database, and two databases never affect each other — not even two
/// containers that share a backup name (`baktainer.name`): their backups are two streams, told apart by the
/// container each record names. (A container renamed while keeping its `baktainer.name` so starts a new stream;
/// the old one keeps at least its newest backup.)
package struct BackupStream: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The backup name (`baktainer.name` or the container name).
    package var backupName: String
    /// The named schedule; nil for the default stream.
    package var schedule: String?
    /// The container whose backups these are (the records' `container`); nil for a stream made without one.
    package var container: String?

    /// Creates a stream key; `BackupSchedule.defaultName` and an empty name count as the default stream (nil).
    package init(backupName: String, schedule: String? = nil, container: String? = nil) {
        self.backupName = backupName
        self.schedule = schedule == BackupSchedule.defaultName || schedule?.isEmpty == true ? nil : schedule
        self.container = container
    }

    /// `name` for the default stream, `name/schedule` for a named one; the container is not shown.
    package var description: String {
        schedule.map { "\(backupName)/\($0)" } ?? backupName
    }

    package static func < (lhs: BackupStream, rhs: BackupStream) -> Bool {
        (lhs.backupName, lhs.schedule ?? "", lhs.container ?? "") < (rhs.backupName, rhs.schedule ?? "", rhs.container ?? "")
    }
}
