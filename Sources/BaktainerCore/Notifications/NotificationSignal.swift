#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a ``BackupEvent`` means for notifications, before any channel's rule: a problem of some key (a stream, a
/// stream's copy to one destination, a restore test, Docker), the end of one, or plain news.
package enum NotificationSignal: Sendable, Equatable {
    /// `key` is in trouble; `message` reports it.
    case problem(key: String, BackupNotification)
    /// `key` works again; `message` is the recovery to send if its problem was reported.
    case resolved(key: String, BackupNotification)
    /// News that no state decides: a success, a start, a passed restore test; channels take it by level.
    case news(BackupNotification, level: NotificationRule.Level)

    /// The signals of `event`, which happened at `date` on `hostname`; Docker counts as a problem once unreachable
    /// for `dockerLimit`.
    package static func signals(
        of event: BackupEvent, at date: Date, hostname: String? = nil, dockerLimit: Duration = .seconds(600)
    ) -> [NotificationSignal] {
        func message(_ kind: BackupNotification.Kind, _ title: String, _ text: String, _ job: BackupJobInfo?) -> BackupNotification {
            var message = BackupNotification(kind, title: title, text: text, job: job, at: date)
            message.hostname = hostname
            return message
        }
        switch event {
        case .started(let job, let attempt):
            guard attempt == 1 else { return [] }
            var started = message(.started, "Backup of \(job.backupName) started", "The backup of \(job.container) started.", job)
            started.attempt = attempt
            return [.news(started, level: .all)]
        case .succeeded(let job, let record, let location, let attempts):
            var success = message(.success, "Backup of \(job.backupName) succeeded", "\(job.container) was backed up to \(location).", job)
            success.file = record.file
            success.size = record.size
            success.dumpSize = record.dumpSize
            success.durationSeconds = (record.durationSeconds * 10).rounded() / 10
            success.attempt = attempts
            success.lastSuccessAt = date
            var recovered = success
            recovered.event = .recovery
            recovered.title = "Backup of \(job.backupName) works again"
            recovered.text = "\(job.container) was backed up again, to \(location)."
            var fresh = recovered
            fresh.text = "\(job.container) has a fresh backup again, \(location)."
            return [.resolved(key: job.key, recovered), .resolved(key: overdueKey(job.key), fresh), .news(success, level: .success)]
        case .failed(let job, let failure, let attempts):
            guard failure.code != .cancelled else { return [] }
            var failed = message(.failure, "Backup of \(job.backupName) failed", "The backup of \(job.container) failed: \(failure.message)", job)
            failed.error = failure.message
            failed.errorCode = failure.code.rawValue
            failed.stderrTail = failure.stderrTail
            failed.attempt = attempts
            return [.problem(key: job.key, failed)]
        case .copied(let job, let result):
            let key = "\(job.key)>\(result.destination)"
            if let error = result.error {
                var failed = message(
                    .copyFailed, "Copy of \(job.backupName) to \(result.destination) failed",
                    "The backup \(result.key.rawValue) of \(job.container) could not be copied to \(result.destination): \(error.message) The local backup is kept; the next run copies what is missing.",
                    job)
                failed.file = result.key.rawValue
                failed.error = error.message
                failed.destinations = [.init(name: result.destination, ok: false, error: error.message)]
                return [.problem(key: key, failed)]
            }
            var copied = message(
                .recovery, "Copies of \(job.backupName) to \(result.destination) work again",
                "The backup \(result.key.rawValue) of \(job.container) was copied to \(result.destination).", job)
            copied.file = result.key.rawValue
            copied.destinations = [.init(name: result.destination, ok: true)]
            return [.resolved(key: key, copied)]
        case .pruned(let job, let result):
            let key = "\(job.key)>prune"
            guard !result.failures.isEmpty else {
                return [.resolved(key: key, message(.recovery, "Retention of \(job.backupName) works again", "Retention deleted what it should.", job))]
            }
            var failed = message(
                .pruneFailed, "Retention of \(job.backupName) could not delete \(result.failures.count.counted("backup"))",
                result.failures.map(\.description).joined(separator: "\n"), job)
            failed.error = result.failures.first?.error.message
            return [.problem(key: key, failed)]
        case .restoreTested(let target, let engine, .success(let report)):
            var passed = message(.restoreTestPassed, "Restore test of \(target) passed", report.summary, nil)
            (passed.container, passed.engine, passed.file) = (target, engine, report.file)
            var recovered = passed
            recovered.event = .recovery
            recovered.title = "Restore test of \(target) passes again"
            return [.resolved(key: "restore-test/\(target)", recovered), .news(passed, level: .all)]
        case .restoreTested(let target, let engine, .failure(let failure)):
            guard !failure.isUnsupported else { return [] }
            var failed = message(.restoreTestFailed, "Restore test of \(target) failed", failure.description, nil)
            (failed.container, failed.engine, failed.file, failed.error) = (target, engine, failure.file, failure.message)
            return [.problem(key: "restore-test/\(target)", failed)]
        case .skipped(let job, let reason):
            return [
                .news(message(.skipped, "Backup of \(job.backupName) skipped", "A due backup of \(job.container) was skipped: \(reason).", job), level: .all)
            ]
        case .retried:
            return []  // one message per change of state, never one per retry
        case .summary(let jobs):
            let failing = jobs.filter { $0.lastResult == "failed" }.count
            var summary = message(
                .summary, "Backup summary: \(jobs.count.counted("stream")), \(failing) failing",
                jobs.isEmpty ? "No container is scheduled for backup." : "The state of every backup stream:", nil)
            summary.summary = jobs.map { job in
                let name = job.schedule == BackupSchedule.defaultName ? job.container : "\(job.container) (\(job.schedule))"
                let result = job.lastResult ?? "not run yet"
                let size = job.lastSize.map { ", \($0.byteSize)" } ?? ""
                let age = job.lastSuccessAt.map { ", newest backup \(Self.age(date.timeIntervalSince($0))) old" } ?? ", no backup yet"
                let failures = job.consecutiveFailures > 0 ? ", \(job.consecutiveFailures.counted("failure")) in a row" : ""
                return "\(name): \(result)\(size)\(age)\(failures)"
            }
            return [.news(summary, level: .failure)]
        case .overdue(let job, let lastSuccessAt):
            var overdue = message(
                .overdue, "Backup of \(job.backupName) is overdue",
                lastSuccessAt.map { "\(job.container) has had no successful backup since \($0.formatted(.iso8601))." }
                    ?? "\(job.container) has had no successful backup since Baktainer started.", job)
            overdue.lastSuccessAt = lastSuccessAt
            return [.problem(key: overdueKey(job.key), overdue)]
        case .docker(reachable: true, _, _):
            return [.resolved(key: "docker", message(.recovery, "Docker answers again", "Docker answers again; missed backups run now.", nil))]
        case .docker(reachable: false, let since, let error):
            guard date.timeIntervalSince(since) >= dockerLimit.timeInterval else { return [] }
            var down = message(
                .dockerUnreachable, "Docker is unreachable",
                "Docker has not answered since \(since.formatted(.iso8601)); no backup can run until it does.", nil)
            down.error = error
            return [.problem(key: "docker", down)]
        }
    }

    /// `3 h`, `2 d`: an age for people.
    private static func age(_ seconds: TimeInterval) -> String {
        seconds < 3600 ? "\(Int(seconds / 60)) min" : seconds < 172_800 ? "\(Int(seconds / 3600)) h" : "\(Int(seconds / 86400)) d"
    }

    /// The key of a stream's overdue state.
    package static func overdueKey(_ streamKey: String) -> String { "\(streamKey)>overdue" }
}
