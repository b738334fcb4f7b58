#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Prometheus

/// The daemon's Prometheus metrics (`/metrics`), all prefixed `baktainer_`:
///
/// - `baktainer_backups_total{engine,result}` — finished backups (`ok`, `failed`, `cancelled`)
/// - `baktainer_backup_duration_seconds{engine}` and `baktainer_backup_size_bytes{engine}` — histograms of
///   successful backups
/// - `baktainer_last_success_timestamp_seconds{target,schedule}` — Unix time of each stream's last success
/// - `baktainer_bytes_written_total` — bytes of backup files written
/// - `baktainer_targets` — streams scheduled; `baktainer_invalid_targets` — containers with bad labels
/// - `baktainer_skipped_overlaps_total` — runs skipped because the previous one was still going
/// - `baktainer_backup_retries_total` — attempts repeated after a transient failure
/// - `baktainer_docker_up` — 1 when the Docker daemon answers
package struct DaemonMetrics: BackupObserver {
    /// The registry `/metrics` renders.
    package let registry: PrometheusCollectorRegistry
    private let bytesWritten: Counter
    private let targets: Gauge
    private let invalidTargets: Gauge
    private let skippedOverlaps: Counter
    private let retries: Counter
    private let dockerUp: Gauge

    /// Creates the metrics in a new registry.
    package init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        bytesWritten = registry.makeCounter(descriptor: Self.name("bytes_written", unit: "total", help: "Bytes of backup files written."))
        targets = registry.makeGauge(descriptor: Self.name("targets", help: "Backup streams scheduled (target × schedule)."))
        invalidTargets = registry.makeGauge(descriptor: Self.name("invalid_targets", help: "Labelled containers whose labels are invalid."))
        skippedOverlaps = registry.makeCounter(
            descriptor: Self.name("skipped_overlaps", unit: "total", help: "Runs skipped because the previous run of the stream was still going."))
        retries = registry.makeCounter(descriptor: Self.name("backup_retries", unit: "total", help: "Backups retried after a transient failure."))
        dockerUp = registry.makeGauge(descriptor: Self.name("docker_up", help: "1 when the Docker daemon answers, else 0."))
    }

    /// Records a finished run.
    /// Counts results, retries, skipped overlaps and restore tests as they happen.
    package func observe(_ event: BackupEvent, at date: Date) async {
        switch event {
        case .succeeded(let job, let record, _, _): recordOutcome(.success(record), job: job)
        case .failed(let job, let failure, _): recordOutcome(.failure(failure), job: job)
        case .retried: retries.increment()
        case .skipped: skippedOverlaps.increment()
        case .restoreTested(let target, let engine, let outcome): recordRestoreTest(outcome, target: target, engine: engine, now: date)
        case .copied(_, let result):
            registry.makeCounter(
                descriptor: Self.name("destination_copies", unit: "total", help: "Copies of backups to destinations off the host, by result."),
                labels: [("destination", result.destination), ("result", result.succeeded ? "ok" : "failed")]
            ).increment()
        case .started, .pruned, .overdue, .docker, .summary: break
        }
    }

    private func recordOutcome(_ outcome: Result<BackupRecord, BackupFailure>, job: BackupJobInfo) {
        let result: String
        switch outcome {
        case .success(let record):
            result = "ok"
            let engine = [("engine", job.engine)]
            registry.makeValueHistogram(
                descriptor: Self.name("backup_duration", unit: "seconds", help: "Duration of successful backups."), labels: engine,
                buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200]
            ).record(record.durationSeconds)
            registry.makeValueHistogram(
                descriptor: Self.name("backup_size", unit: "bytes", help: "Size of successful backups."), labels: engine,
                buckets: [1e3, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11]
            ).record(Double(record.size))
            registry.makeGauge(
                descriptor: Self.name("last_success_timestamp", unit: "seconds", help: "Unix time of the last successful backup of a stream."),
                labels: [("target", job.backupName), ("schedule", job.schedule), ("host", job.runtime.rawValue)]
            ).set(to: Double(record.startedAt))
            bytesWritten.increment(by: Int64(record.size))
        case .failure(let failure):
            result = failure.code == .cancelled ? "cancelled" : "failed"
        }
        registry.makeCounter(
            descriptor: Self.name("backups", unit: "total", help: "Finished backups by engine and result."),
            labels: [("engine", job.engine), ("result", result)]
        ).increment()
    }

    /// Records a restore test (`baktainer_restore_tests_total{engine,result}`, and the time of the last passed
    /// one per target).
    private func recordRestoreTest(_ outcome: Result<RestoreTestReport, RestoreTestFailure>, target: String, engine: String, now: Date) {
        if case .success = outcome {
            registry.makeGauge(
                descriptor: Self.name("last_restore_test_success_timestamp", unit: "seconds", help: "Unix time of the last passed restore test of a target."),
                labels: [("target", target)]
            ).set(to: now.timeIntervalSince1970)
        }
        registry.makeCounter(
            descriptor: Self.name("restore_tests", unit: "total", help: "Restore tests by engine and result."),
            labels: [("engine", engine), ("result", (try? outcome.get()) == nil ? "failed" : "ok")]
        ).increment()
    }

    /// Records the number of scheduled streams and invalid containers.
    package func recordTargets(scheduled: Int, invalid: Int) {
        targets.set(to: Double(scheduled))
        invalidTargets.set(to: Double(invalid))
    }

    /// Counts one notification's delivery to `channel`: `sent`, `failed` (after its retries) or `dropped` (a full
    /// queue, or shutdown).
    package func recordNotification(channel: String, result: String) {
        registry.makeCounter(
            descriptor: Self.name("notifications", unit: "total", help: "Notifications by channel and result (sent, failed, dropped)."),
            labels: [("channel", channel), ("result", result)]
        ).increment()
    }

    /// Records Docker's reachability.
    package func recordDocker(reachable: Bool) { dockerUp.set(to: reachable ? 1.0 : 0.0) }

    /// The metrics in Prometheus text format.
    package func rendered() -> String {
        registry.emitToString()
    }

    private static func name(_ metric: String, unit: String? = nil, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "baktainer", metricName: metric, unitName: unit ?? "", helpText: help)
    }
}
