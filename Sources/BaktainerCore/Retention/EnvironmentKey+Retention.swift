extension EnvironmentKey {
    /// Integer ≥ 0: keep the N newest backups of each stream (0 = rule off).
    package static let retentionKeepLast = "BT_RETENTION_KEEP_LAST"
    /// Integer ≥ 0: keep the newest backup of each of the N most recent hours.
    package static let retentionKeepHourly = "BT_RETENTION_KEEP_HOURLY"
    /// Integer ≥ 0: keep the newest backup of each of the N most recent days.
    package static let retentionKeepDaily = "BT_RETENTION_KEEP_DAILY"
    /// Integer ≥ 0: keep the newest backup of each of the N most recent ISO weeks.
    package static let retentionKeepWeekly = "BT_RETENTION_KEEP_WEEKLY"
    /// Integer ≥ 0: keep the newest backup of each of the N most recent months.
    package static let retentionKeepMonthly = "BT_RETENTION_KEEP_MONTHLY"
    /// Integer ≥ 0: keep the newest backup of each of the N most recent years.
    package static let retentionKeepYearly = "BT_RETENTION_KEEP_YEARLY"
    /// Duration (`30d`, `12h`, `1d12h`, seconds): keep every backup younger than this.
    package static let retentionKeepWithin = "BT_RETENTION_KEEP_WITHIN"
    /// The Ruby tool's age limit in days: keep-within N days; honoured when `BT_RETENTION_KEEP_WITHIN` is unset.
    package static let legacyRetentionDays = "BT_RETENTION_DAYS"
    /// The Ruby tool's count: keep-last N; honoured when `BT_RETENTION_KEEP_LAST` is unset.
    package static let legacyRetentionCount = "BT_RETENTION_COUNT"
}
