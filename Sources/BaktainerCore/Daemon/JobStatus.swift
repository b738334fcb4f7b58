#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `/api/status` says about one stream of backups. Holds no secret.
package struct JobStatus: Sendable, Equatable, Codable {
    /// The backup name (`baktainer.name` or the container name).
    package var target: String
    /// The runtime (host) its container lives on.
    package var host: String = RuntimeID.local.rawValue
    /// The container's name.
    package var container: String
    /// The engine identifier.
    package var engine: String
    /// The schedule's name (`default` for the global or `baktainer.schedule` one).
    package var schedule: String
    /// The schedule's cron expression.
    package var cron: String
    /// When it runs next.
    package var nextRun: Date?
    /// Whether a backup of it is running now.
    package var running = false
    /// `ok`, `failed` or `cancelled`; nil before the first run.
    package var lastResult: String?
    /// When the last run started.
    package var lastRunAt: Date?
    /// When the last successful backup was taken.
    package var lastSuccessAt: Date?
    /// The last successful backup's file.
    package var lastFile: String?
    /// The last successful backup's size in bytes.
    package var lastSize: Int?
    /// The last run's duration in seconds.
    package var lastDurationSeconds: Double?
    /// The last failure's message (secrets redacted).
    package var lastError: String?
    /// Runs skipped because the previous one was still going.
    package var skippedOverlaps = 0
    /// Failures since the last success.
    package var consecutiveFailures = 0
    /// The last copy to each destination off the host, by destination name: `ok` or `failed: <why>`.
    package var destinations: [String: String] = [:]
    /// The last restore test of the target's newest backup (`BT_VERIFY_CRON`): `ok` or `failed`; nil before one.
    package var lastRestoreTest: String?
    /// When it finished.
    package var lastRestoreTestAt: Date?
    /// What it found: tables and rows restored, or why it failed.
    package var lastRestoreTestDetail: String?

    /// A stream that has not run yet.
    package init(target: String, container: String, engine: String, schedule: String, cron: String, nextRun: Date? = nil) {
        self.target = target
        self.container = container
        self.engine = engine
        self.schedule = schedule
        self.cron = cron
        self.nextRun = nextRun
    }
}
