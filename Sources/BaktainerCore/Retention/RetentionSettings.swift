/// Which backups to keep: a global policy from the environment, replaced per container or per named schedule by
/// labels.
///
/// Keys (all optional; with none set every backup is kept):
/// - `BT_RETENTION_KEEP_LAST`, `…_HOURLY`, `…_DAILY`, `…_WEEKLY`, `…_MONTHLY`, `…_YEARLY` (int 0…1000000, 0 = off)
/// - `BT_RETENTION_KEEP_WITHIN` (duration: `30d`, `12h`, `1d12h`, seconds)
/// - `BT_RETENTION_DAYS` (Ruby tool, int 0…36500, 0 = off): keep-within N days unless `BT_RETENTION_KEEP_WITHIN` is set
/// - `BT_RETENTION_COUNT` (Ruby tool, int 0…1000000, 0 = off): keep-last N unless `BT_RETENTION_KEEP_LAST` is set
///
/// Labels `baktainer.retention.keep-last` … `keep-within` (same values) and
/// `baktainer.schedule.NAME.retention.keep-…` replace whole policies, they do not merge rule by rule: a named
/// schedule's labels win, else the container's, else the global policy.
package struct RetentionSettings: Sendable, Equatable {
    /// The policy of streams without retention labels (and of streams whose container is gone).
    package var global: RetentionPolicy
    /// One destination's own policy (`BT_S3_RETENTION_*`, …), which replaces the global one and the labels'
    /// there; nil: that destination follows the global policy and the labels.
    package var destinationPolicy: RetentionPolicy?

    private static let countRange = 0...1_000_000

    /// Creates settings with `global`.
    package init(global: RetentionPolicy) {
        self.global = global
    }

    /// Reads the global policy; throws a ``ConfigurationError`` naming the variable when a value is malformed.
    package init(configuration environment: ConfigurationValues) throws(ConfigurationError) {
        let legacyCount = try environment.integer(EnvironmentKey.legacyRetentionCount, in: Self.countRange)
        let legacyDays = try environment.integer(EnvironmentKey.legacyRetentionDays, in: 0...36_500)
        var policy = try Self.policy(from: environment) { rule in
            [
                BackupLabel.retentionKeepLast: EnvironmentKey.retentionKeepLast,
                BackupLabel.retentionKeepHourly: EnvironmentKey.retentionKeepHourly,
                BackupLabel.retentionKeepDaily: EnvironmentKey.retentionKeepDaily,
                BackupLabel.retentionKeepWeekly: EnvironmentKey.retentionKeepWeekly,
                BackupLabel.retentionKeepMonthly: EnvironmentKey.retentionKeepMonthly,
                BackupLabel.retentionKeepYearly: EnvironmentKey.retentionKeepYearly,
                BackupLabel.retentionKeepWithin: EnvironmentKey.retentionKeepWithin,
            ][rule] ?? rule
        }
        if environment.string(EnvironmentKey.retentionKeepLast) == nil, let legacyCount, legacyCount > 0 {
            policy.keepLast = legacyCount
        }
        if environment.string(EnvironmentKey.retentionKeepWithin) == nil, let legacyDays, legacyDays > 0 {
            policy.keepWithin = .seconds(legacyDays * 86_400)
        }
        global = policy
    }

    /// The policy for the stream `schedule` (nil or `default` for the default stream) of a container with `labels`.
    /// Throws a ``ConfigurationError`` naming the label when a retention label is malformed or unknown.
    package func policy(forLabels labels: [String: String], schedule: String?) throws(ConfigurationError) -> RetentionPolicy {
        if let destinationPolicy { return destinationPolicy }
        let named = BackupStream(backupName: "", schedule: schedule).schedule
        if let named, let policy = try Self.labelPolicy(labels, prefix: BackupLabel.scheduleRetentionPrefix(named)) {
            return policy
        }
        return try Self.labelPolicy(labels, prefix: BackupLabel.retentionPrefix) ?? global
    }

    /// These settings for the destination `destination` (`local`, `s3`): when any of its
    /// `BT_<DESTINATION>_RETENTION_KEEP_*` variables is set, they make its own policy, which replaces the global
    /// one and the retention labels there; otherwise the global policy and the labels apply (never another
    /// destination's own policy).
    package func forDestination(_ destination: String, configuration environment: ConfigurationValues) throws(ConfigurationError) -> RetentionSettings {
        var settings = self
        settings.destinationPolicy = nil
        guard Self.destinationVariables(destination).contains(where: { environment.string($0) != nil }) else { return settings }
        settings.destinationPolicy = try Self.policy(from: environment) { Self.destinationVariable(destination, rule: $0) }
        return settings
    }

    /// The `BT_<DESTINATION>_RETENTION_*` variables of `destination`.
    package static func destinationVariables(_ destination: String) -> [String] {
        BackupLabel.retentionRules.map { destinationVariable(destination, rule: $0) }
    }

    /// `BT_S3_RETENTION_KEEP_LAST` for destination `s3` and rule `keep-last`.
    private static func destinationVariable(_ destination: String, rule: String) -> String {
        "BT_\(destination.uppercased())_RETENTION_\(rule.uppercased().replacing("-", with: "_"))"
    }

    /// The policy written by labels starting with `prefix`, or nil when there is none.
    private static func labelPolicy(_ labels: [String: String], prefix: String) throws(ConfigurationError) -> RetentionPolicy? {
        let present = labels.keys.filter { $0.hasPrefix(prefix) }.sorted()
        guard !present.isEmpty else { return nil }
        for key in present where !BackupLabel.retentionRules.contains(String(key.dropFirst(prefix.count))) {
            throw ConfigurationError(
                setting: key, "unknown retention rule: use \(prefix)<rule> with one of \(BackupLabel.retentionRules.joined(separator: ", "))")
        }
        return try policy(from: ConfigurationValues(labels: labels)) { prefix + $0 }
    }

    /// Reads the seven rules from `values`, the key of each rule being `key(ruleName)`.
    private static func policy(from values: ConfigurationValues, key: (String) -> String) throws(ConfigurationError) -> RetentionPolicy {
        func count(_ rule: String) throws(ConfigurationError) -> Int? {
            let value = try values.integer(key(rule), in: countRange)
            return value == 0 ? nil : value
        }
        return RetentionPolicy(
            keepLast: try count(BackupLabel.retentionKeepLast),
            keepHourly: try count(BackupLabel.retentionKeepHourly),
            keepDaily: try count(BackupLabel.retentionKeepDaily),
            keepWeekly: try count(BackupLabel.retentionKeepWeekly),
            keepMonthly: try count(BackupLabel.retentionKeepMonthly),
            keepYearly: try count(BackupLabel.retentionKeepYearly),
            keepWithin: try values.duration(key(BackupLabel.retentionKeepWithin)))
    }
}
