#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging

/// Writes every ``BackupEvent`` to the log, one line each, with `container`, `engine` and `schedule` metadata
/// (sizes, durations and counts as numbers).
package struct BackupEventLog: BackupObserver {
    private let logger: Logger
    private let logsFinalFailures: Bool

    /// Logs to `logger`. `logsFinalFailures` false leaves out the line of a backup that failed for good, for a
    /// command that prints its outcome itself (`backup`'s table), so the error is not printed twice.
    package init(logger: Logger, logsFinalFailures: Bool = true) {
        self.logger = logger
        self.logsFinalFailures = logsFinalFailures
    }

    package func observe(_ event: BackupEvent, at date: Date) async {
        switch event {
        case .started(let job, let attempt):
            logger.info("backup started", metadata: metadata(job, ["attempt": .stringConvertible(attempt)]))
        case .succeeded(let job, let record, let location, _):
            logger.info(
                "backup finished",
                metadata: metadata(
                    job,
                    [
                        "file": "\(location)", "bytes": .stringConvertible(record.size),
                        "seconds": .stringConvertible((record.durationSeconds * 1000).rounded() / 1000),
                        "sha256": "\(record.sha256)",
                    ]))
        case .retried(let job, let failure, let attempt, let delay):
            logger.warning(
                "backup failed, retrying in \(delay) (attempt \(attempt + 1)): \(failure.message)",
                metadata: metadata(job, ["code": "\(failure.code.rawValue)", "attempt": .stringConvertible(attempt)]))
        case .failed(_, _, _) where !logsFinalFailures:
            break
        case .failed(let job, let failure, _) where failure.code == .cancelled:
            logger.warning("backup cancelled: \(failure.message)", metadata: metadata(job, ["code": "\(failure.code.rawValue)"]))
        case .failed(let job, let failure, let attempts):
            logger.error(
                "backup failed: \(failure.message)", metadata: metadata(job, ["code": "\(failure.code.rawValue)", "attempts": .stringConvertible(attempts)]))
        case .skipped(let job, let reason):
            logger.warning("skipped: \(reason)", metadata: metadata(job, [:]))
        case .pruned(let job, let result):
            for entry in result.deleted {
                logger.info("retention: deleted \(entry.location)", metadata: metadata(job, ["why": "kept by no rule"]))
            }
            for failure in result.failures {
                logger.warning("retention: cannot delete \(failure.path): \(failure.error.message)", metadata: metadata(job, [:]))
            }
        case .copied(let job, let result):
            if let error = result.error {
                logger.error(
                    "copy to \(result.destination) failed: \(error.message)",
                    metadata: metadata(job, ["destination": "\(result.destination)", "file": "\(result.key)"]))
            } else {
                logger.info(
                    "copied to \(result.destination)",
                    metadata: metadata(
                        job,
                        [
                            "destination": "\(result.destination)", "file": "\(result.location)",
                            "seconds": .stringConvertible((result.duration / .milliseconds(1)).rounded() / 1000),
                        ]))
            }
        case .restoreTested(let target, let engine, .success(let report)):
            logger.info(
                "restore test passed: \(report.summary)",
                metadata: [
                    "container": "\(target)", "file": "\(report.file)", "engine": "\(engine)", "tables": .stringConvertible(report.tables),
                    "rows": .stringConvertible(report.rows),
                ])
        case .overdue, .docker, .summary:
            break  // the daemon logs Docker's state itself; /health and /api/status show overdue streams
        case .restoreTested(let target, let engine, .failure(let failure)):
            logger.error(
                "restore test failed: \(failure.message)", metadata: ["container": "\(target)", "file": "\(failure.file ?? "-")", "engine": "\(engine)"])
        }
    }

    private func metadata(_ job: BackupJobInfo, _ extra: Logger.Metadata) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["container": "\(job.container)", "engine": "\(job.engine)", "run": "\(job.run)"]
        if job.schedule != BackupSchedule.defaultName { metadata["schedule"] = "\(job.schedule)" }
        if job.runtime != .local { metadata["host"] = "\(job.runtime)" }
        return metadata.merging(extra) { $1 }
    }
}
