#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Plans and applies retention over a storage: the piece `baktainer prune` and the post-backup clean-up share.
///
/// Each stream's policy comes from the labels of the container whose backup name it carries (see
/// ``RetentionSettings/policy(forLabels:schedule:)``); a stream whose container is not known (removed, or not
/// running now) gets the global policy. A malformed retention label stops the plan with an error naming the
/// label, so a typo never falls back to a stricter policy.
package struct RetentionRun: Sendable {
    /// Where the backups are.
    package var storage: any BackupStorage
    /// The global policy and the label rules.
    package var settings: RetentionSettings
    /// The zone in which hours, days, weeks, months and years are counted (`TZ`).
    package var timeZone: TimeZone

    /// Creates a run over `storage`.
    package init(storage: any BackupStorage, settings: RetentionSettings, timeZone: TimeZone = .gmt) {
        self.storage = storage
        self.settings = settings
        self.timeZone = timeZone
    }

    /// The plan for every stream in the storage (or only `stream`), with the catalog's warnings.
    /// `labelsByBackupName` maps a backup name to the labels of its container.
    package func plan(
        labelsByBackupName: [String: [String: String]], only stream: BackupStream? = nil, now: Date
    ) async throws -> (plan: RetentionPlan, warnings: [CatalogWarning]) {
        let catalog = try await storage.list()
        let entries = catalog.entries.filter { stream == nil || $0.stream == stream }
        var policies: [BackupStream: RetentionPolicy] = [:]
        for candidate in Set(entries.map(\.stream)) {
            let labels = labelsByBackupName[candidate.backupName] ?? [:]
            policies[candidate] = try settings.policy(forLabels: labels, schedule: candidate.schedule)
        }
        let plan = RetentionPlan(existing: entries, now: now, timeZone: timeZone) { policies[$0] ?? settings.global }
        return (plan, catalog.warnings)
    }

    /// Deletes what `plan` does not keep (nothing with `dryRun`), each backup with its sidecars. A failure on one
    /// backup is recorded and the rest continue.
    package func apply(_ plan: RetentionPlan, dryRun: Bool = false) async -> PruneResult {
        var result = PruneResult(dryRun: dryRun)
        for entry in plan.delete {
            if !dryRun {
                do {
                    try await storage.delete(entry.key)
                } catch {
                    result.failures.append(.init(path: entry.location, error: error as? StorageError ?? StorageError(.ioError, "\(error)")))
                    continue
                }
            }
            result.deleted.append(entry)
            result.deletedBytes += entry.record.size
        }
        return result
    }
}
