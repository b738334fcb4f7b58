/// One stream of backups the daemon keeps: a target and one of its schedules.
package struct DaemonJob: Sendable, Equatable {
    /// The target to dump.
    package var target: BackupTarget
    /// When to dump it.
    package var schedule: BackupSchedule

    /// Creates a job.
    package init(target: BackupTarget, schedule: BackupSchedule) {
        self.target = target
        self.schedule = schedule
    }

    /// What events say of this stream.
    package var info: BackupJobInfo { BackupJobInfo(target: target, schedule: schedule.name) }

    /// Identifies the stream across re-discoveries and hosts: `<runtime>/<container>/<schedule name>`.
    package var key: String { info.key }
}
