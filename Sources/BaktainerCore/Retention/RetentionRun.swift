#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Plans and applies retention over the backup directory: the piece `baktainer prune` and the post-backup
/// clean-up share.
///
/// Each stream's policy comes from the labels of the container whose backup name it carries (see
/// ``RetentionSettings/policy(forLabels:schedule:)``); a stream whose container is not known (removed, or not
/// running now) gets the global policy. A malformed retention label stops the plan with an error naming the
/// label, so a typo never falls back to a stricter policy.
package struct RetentionRun: Sendable {
    /// The backup directory (`BT_BACKUP_DIR`).
    package var root: String
    /// The global policy and the label rules.
    package var settings: RetentionSettings
    /// The zone in which hours, days, weeks, months and years are counted (`TZ`).
    package var timeZone: TimeZone

    /// Creates a run over `root`.
    package init(root: String, settings: RetentionSettings, timeZone: TimeZone = .gmt) {
        self.root = root
        self.settings = settings
        self.timeZone = timeZone
    }

    /// The plan for every stream under `root` (or only `stream`), with the catalog's warnings.
    /// `labelsByBackupName` maps a backup name to the labels of its container.
    package func plan(
        labelsByBackupName: [String: [String: String]], only stream: BackupStream? = nil, now: Date
    ) throws -> (plan: RetentionPlan, warnings: [CatalogWarning]) {
        let catalog = try BackupCatalog.scan(root: root)
        let entries = catalog.entries.filter { stream == nil || $0.stream == stream }
        var policies: [BackupStream: RetentionPolicy] = [:]
        for candidate in Set(entries.map(\.stream)) {
            let labels = labelsByBackupName[candidate.backupName] ?? [:]
            policies[candidate] = try settings.policy(forLabels: labels, schedule: candidate.schedule)
        }
        let plan = RetentionPlan(existing: entries, now: now, timeZone: timeZone) { policies[$0] ?? settings.global }
        return (plan, catalog.warnings)
    }

    /// Deletes what `plan` does not keep (nothing with `dryRun`).
    package func apply(_ plan: RetentionPlan, dryRun: Bool = false) -> PruneResult {
        BackupPruner(root: root).apply(plan, dryRun: dryRun)
    }
}
