#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One message for people (or an uptime monitor): what happened to which backup, with the facts a receiver
/// needs to act without opening a log. Its JSON form (``encodedJSON()``) is the generic webhook's documented
/// body (docs/notifications.md). Holds no secret: errors and stderr are already masked where they come from.
package struct BackupNotification: Sendable, Equatable, Codable {
    /// What the message is about.
    package enum Kind: String, Sendable, Codable, CaseIterable {
        /// A backup failed for good (after its last retry), or enough times in a row for the channel's threshold.
        case failure
        /// The first success of a stream (or copy, restore test, prune, Docker) after a failure was reported.
        case recovery
        /// A backup succeeded (only for channels at level `success` or `all`).
        case success
        /// A backup run started (uptime monitors' `/start` ping).
        case started
        /// A stream has had no successful backup for longer than its freshness limit (the rule of `/health`).
        case overdue
        /// Copying a backup to a destination off the host failed.
        case copyFailed = "copy_failed"
        /// A restore test failed.
        case restoreTestFailed = "restore_test_failed"
        /// A restore test passed (level `all`).
        case restoreTestPassed = "restore_test_passed"
        /// Retention could not delete a backup it should have.
        case pruneFailed = "prune_failed"
        /// Docker did not answer for longer than the limit.
        case dockerUnreachable = "docker_unreachable"
        /// A due run was skipped because the previous one was still going (level `all`).
        case skipped
        /// The periodic summary of every stream.
        case summary
        /// `baktainer notify test`.
        case test

        /// Whether the message reports a problem (red), as opposed to good news or information.
        package var isProblem: Bool {
            switch self {
            case .failure, .overdue, .copyFailed, .restoreTestFailed, .pruneFailed, .dockerUnreachable: true
            case .recovery, .success, .started, .restoreTestPassed, .skipped, .summary, .test: false
            }
        }
    }

    /// One destination's copy, in a message about it.
    package struct DestinationOutcome: Sendable, Equatable, Codable {
        /// The destination's name (`s3`, `sftp`, a named one).
        package var name: String
        /// Whether the copy was checked good.
        package var ok: Bool
        /// Why not.
        package var error: String?

        /// Creates an outcome.
        package init(name: String, ok: Bool, error: String? = nil) {
            self.name = name
            self.ok = ok
            self.error = error
        }
    }

    /// What the message is about.
    package var event: Kind
    /// One line for a title or subject: "Backup of shop-db failed".
    package var title: String
    /// A few sentences for people, with what to do where known.
    package var text: String
    /// The container's name.
    package var container: String?
    /// The backup name (`baktainer.name`).
    package var backupName: String?
    /// The engine identifier.
    package var engine: String?
    /// The database, if named.
    package var database: String?
    /// The schedule's name.
    package var schedule: String?
    /// The Docker host (runtime) the container runs on.
    package var host: String?
    /// The machine Baktainer runs on.
    package var hostname: String?
    /// The backup file (its key in the backup directory).
    package var file: String?
    /// The stored size in bytes.
    package var size: Int?
    /// The dump's size in bytes, before compression and encryption.
    package var dumpSize: Int?
    /// How long the backup took, in seconds.
    package var durationSeconds: Double?
    /// Destinations concerned.
    package var destinations: [DestinationOutcome] = []
    /// The error, masked.
    package var error: String?
    /// The error's bounded code (`dump_failed`, `storage`, …).
    package var errorCode: String?
    /// The dump tool's last stderr lines, masked.
    package var stderrTail: String?
    /// The attempt (1-based) the message is about, or the attempts a failure took.
    package var attempt: Int?
    /// Failures in a row so far, for failure and recovery messages.
    package var consecutiveFailures: Int?
    /// When the newest successful backup of the stream was taken, if known.
    package var lastSuccessAt: Date?
    /// When it happened.
    package var timestamp: Date
    /// Per-stream lines of a summary: `<target> <schedule>: ok, 12 MB, 3 h old`.
    package var summary: [String]?
    /// The text the operator's template made of this message (`template=`, `BT_NOTIFY_TEMPLATE`); when set, it is
    /// the whole plain-text body and the chat services' text.
    package var body: String?

    /// A message with the facts of `job` filled in.
    package init(_ event: Kind, title: String, text: String, job: BackupJobInfo? = nil, at timestamp: Date) {
        self.event = event
        self.title = title
        self.text = text
        self.timestamp = timestamp
        if let job {
            container = job.container
            backupName = job.backupName
            engine = job.engine
            database = job.database
            schedule = job.schedule
            host = job.runtime.rawValue
        }
    }

    /// The generic webhook's body: snake_case keys, ISO 8601 dates, unset fields left out, keys sorted.
    package func encodedJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("{}".utf8)
    }

    /// `Name: value` lines of the facts that are set, for chat cards and e-mail bodies.
    package var facts: [(name: String, value: String)] {
        var facts: [(String, String)] = []
        if let container { facts.append(("Container", container)) }
        if let engine { facts.append(("Engine", engine + (database.map { " (\($0))" } ?? ""))) }
        if let schedule, schedule != BackupSchedule.defaultName { facts.append(("Schedule", schedule)) }
        if let host, host != RuntimeID.local.rawValue { facts.append(("Docker host", host)) }
        if let file { facts.append(("File", file)) }
        if let size { facts.append(("Size", size.byteSize)) }
        if let durationSeconds { facts.append(("Duration", String(format: "%.1f s", durationSeconds))) }
        for destination in destinations {
            facts.append(("Destination \(destination.name)", destination.ok ? "ok" : "failed: \(destination.error ?? "unknown")"))
        }
        if let attempt { facts.append(("Attempts", "\(attempt)")) }
        if let consecutiveFailures, consecutiveFailures > 1 { facts.append(("Failures in a row", "\(consecutiveFailures)")) }
        if let lastSuccessAt { facts.append(("Last success", lastSuccessAt.formatted(.iso8601))) }
        if let hostname { facts.append(("Baktainer host", hostname)) }
        return facts
    }

    /// The plain-text body: the operator's ``body``, else the text, the facts, the error and stderr tail, the
    /// summary lines.
    package var plainText: String {
        if let body { return body }
        var lines = [text, ""]
        lines += facts.map { "\($0.name): \($0.value)" }
        if let error, !text.contains(error) { lines += ["", "Error: \(error)"] }
        if let stderrTail, !stderrTail.isEmpty, error?.contains(stderrTail) != true { lines += ["", "stderr:", stderrTail] }
        if let summary { lines += [""] + summary }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
