extension BackupLabel {
    /// Prefix of the per-container retention labels, e.g. `baktainer.retention.keep-daily=7`. Any of them
    /// replaces the global policy for the container's streams.
    package static let retentionPrefix = "baktainer.retention."
    /// The part after the prefix (or after `baktainer.schedule.NAME.retention.`) naming `keep-last`.
    package static let retentionKeepLast = "keep-last"
    /// Keep the newest backup of each of the N most recent hours.
    package static let retentionKeepHourly = "keep-hourly"
    /// Keep the newest backup of each of the N most recent days.
    package static let retentionKeepDaily = "keep-daily"
    /// Keep the newest backup of each of the N most recent ISO weeks.
    package static let retentionKeepWeekly = "keep-weekly"
    /// Keep the newest backup of each of the N most recent months.
    package static let retentionKeepMonthly = "keep-monthly"
    /// Keep the newest backup of each of the N most recent years.
    package static let retentionKeepYearly = "keep-yearly"
    /// Keep every backup younger than a duration (`30d`, `12h`, `1d12h`, seconds).
    package static let retentionKeepWithin = "keep-within"

    /// Every retention rule name, in rule order.
    package static let retentionRules = [
        retentionKeepLast, retentionKeepHourly, retentionKeepDaily, retentionKeepWeekly, retentionKeepMonthly,
        retentionKeepYearly, retentionKeepWithin,
    ]

    /// The prefix of a named schedule's retention labels: `baktainer.schedule.NAME.retention.`. Any of them
    /// replaces the container and global policies for that stream.
    package static func scheduleRetentionPrefix(_ schedule: String) -> String {
        "\(BackupLabel.schedule).\(schedule).retention."
    }
}
