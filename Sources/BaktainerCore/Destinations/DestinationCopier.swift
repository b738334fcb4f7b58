#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Copies committed local backups to the destinations off the host, and catches up: each time a stream is backed
/// up, every local backup of that stream a destination lacks is copied there too, oldest first — only those the
/// destination's retention policy would keep, so that retention and catch-up never undo each other.
///
/// A destination's catalog is what it lists (``BackupStorage/list()``), never a local state file: after a restart
/// or a lost connection the next backup finds what is missing.
package struct DestinationCopier: Sendable {
    /// Where backups are committed first.
    package let source: any BackupCopySource
    /// The destinations, in the order they are copied to.
    package let destinations: [any BackupDestination]
    /// Each destination's retention rules, by destination name (a missing one keeps everything).
    package let retention: [String: RetentionSettings]
    /// The zone of retention periods.
    package let timeZone: TimeZone

    /// A copier from `source` to `destinations`.
    package init(
        source: any BackupCopySource, destinations: [any BackupDestination], retention: [String: RetentionSettings] = [:], timeZone: TimeZone = .gmt
    ) {
        self.source = source
        self.destinations = destinations
        self.retention = retention
        self.timeZone = timeZone
    }

    /// The retention rules of `destination`; keep everything when it has none.
    package func retentionSettings(of destination: any BackupDestination) -> RetentionSettings {
        retention[destination.name] ?? RetentionSettings(global: RetentionPolicy())
    }

    /// Copies `stream`'s local backups that each destination lacks (the one just made among them), oldest first;
    /// one result per copy tried, and one failed result per destination that could not be listed. `labels` are the
    /// stream's container's (retention labels).
    package func copy(stream: BackupStream, labels: [String: String], now: Date) async -> [DestinationCopyResult] {
        let local: [CatalogEntry]
        do {
            local = try await source.list().entries.filter { $0.stream == stream }
        } catch {
            let failure = error as? StorageError ?? StorageError(.ioError, "\(error)")
            return destinations.map {
                DestinationCopyResult(destination: $0.name, key: BackupKey(""), location: $0.name, error: failure, duration: .zero)
            }
        }
        var results: [DestinationCopyResult] = []
        for destination in destinations {
            results += await copy(local, to: destination, stream: stream, labels: labels, now: now)
        }
        return results
    }

    /// The local entries `destination` lacks and would keep, oldest first.
    package func missing(
        _ local: [CatalogEntry], at destination: any BackupDestination, stream: BackupStream, labels: [String: String], now: Date
    ) async throws -> [CatalogEntry] {
        let stored = try await destination.list().entries.filter { $0.stream == stream }
        let present = Set(stored.map(\.key))
        let absent = local.filter { !present.contains($0.key) }
        guard !absent.isEmpty else { return [] }
        let policy = try retentionSettings(of: destination).policy(forLabels: labels, schedule: stream.schedule)
        let plan = RetentionPlan(existing: stored + absent, now: now, timeZone: timeZone) { _ in policy }
        let kept = Set(plan.keep.map(\.entry.key))
        return absent.filter { kept.contains($0.key) }.sorted { $1.isNewer(than: $0) }
    }

    private func copy(
        _ local: [CatalogEntry], to destination: any BackupDestination, stream: BackupStream, labels: [String: String], now: Date
    ) async -> [DestinationCopyResult] {
        let clock = ContinuousClock()
        let started = clock.now
        let pending: [CatalogEntry]
        do {
            pending = try await missing(local, at: destination, stream: stream, labels: labels, now: now)
        } catch {
            let failure = error as? StorageError ?? StorageError(.ioError, "destination \(destination.name): \(error)")
            return [
                DestinationCopyResult(
                    destination: destination.name, key: local.last?.key ?? BackupKey(""), location: destination.name, error: failure,
                    duration: clock.now - started)
            ]
        }
        var results: [DestinationCopyResult] = []
        for entry in pending {
            let began = clock.now
            var failure: StorageError?
            do {
                try await destination.store(try await source.copySource(of: entry.key))
            } catch {
                failure = error as? StorageError ?? StorageError(.ioError, "destination \(destination.name): \(error)")
            }
            results.append(
                DestinationCopyResult(
                    destination: destination.name, key: entry.key, location: destination.location(of: entry.key), error: failure, duration: clock.now - began))
            // A destination that fails once is left for the next run: the rest would likely fail the same way.
            if failure != nil || Task.isCancelled { break }
        }
        return results
    }
}
