#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How `baktainer run` schedules, retries, shuts down and serves its status; read once at start-up.
///
/// Keys: `BT_CRON` (default `0 0 * * *`), `BT_TZ` or `TZ` (IANA name, default UTC), `BT_RUN_ON_START` (bool),
/// `BT_RETRY_ATTEMPTS` (1…10, default 3), `BT_SHUTDOWN_TIMEOUT` (duration, default 60 s), `BT_HTTP_PORT` or
/// the Ruby tool's `BT_HEALTH_PORT` (default 8080; 0 turns the server off), `BT_HEALTH_BIND` (default 0.0.0.0),
/// `BT_MAX_BACKUP_AGE` (duration; default: three intervals of the target's schedule), `BT_HTTP_TOKEN`,
/// `BT_RESYNC_INTERVAL` (duration, default 60 s), `BT_VERIFY_CRON` (cron; unset: no scheduled restore tests).
package struct DaemonSettings: Sendable {
    /// The global schedule.
    package var schedule: BackupSchedule
    /// The zone schedules are evaluated in.
    package var timeZone: TimeZone
    /// Back up every target once at start-up.
    package var runOnStart: Bool
    /// Attempts of a backup that fails for a transient reason.
    package var retryAttempts: Int
    /// How long running backups may finish after a shutdown signal.
    package var shutdownTimeout: Duration
    /// The status server's port; nil: no server.
    package var httpPort: Int?
    /// The address the server binds.
    package var httpBind: String
    /// The age after which a target's last success counts as stale; nil: three schedule intervals.
    package var maximumBackupAge: Duration?
    /// When to restore-test every target's newest backup; nil: never.
    package var verifySchedule: CronExpression?
    /// The storage the scheduled restore tests read from: `local` or a destination's name (`BT_VERIFY_FROM`).
    package var verifySource = "local"
    /// The bearer token `/api/*` requires, if any.
    package var httpToken: Secret?
    /// Time between full re-reads of the labelled containers.
    package var resyncInterval: Duration
    /// How often overdue streams and an unreachable Docker are reported as events (for notifications).
    package var freshnessCheckInterval: Duration = .seconds(60)
    /// When the summary of every stream goes to the notification channels (`BT_NOTIFY_SUMMARY`); nil: never.
    package var summarySchedule: CronExpression?

    /// Reads the settings; a malformed value is an error naming the setting and its source.
    package init(configuration values: ConfigurationValues) throws(ConfigurationError) {
        let cron = values.string(EnvironmentKey.cron) ?? "0 0 * * *"
        do throws(CronError) {
            schedule = try BackupSchedule(name: BackupSchedule.defaultName, text: cron)
        } catch {
            throw values.error(EnvironmentKey.cron, error.message)
        }
        timeZone = try values.timeZone(EnvironmentKey.timeZone) ?? .gmt
        runOnStart = try values.bool(EnvironmentKey.runOnStart) ?? false
        retryAttempts = try values.integer(EnvironmentKey.retryAttempts, in: 1...10) ?? 3
        shutdownTimeout = try values.duration(EnvironmentKey.shutdownTimeout) ?? .seconds(60)
        let port = try values.integer(EnvironmentKey.httpPort, in: 0...65535) ?? 8080
        httpPort = port == 0 ? nil : port
        httpBind = values.string(EnvironmentKey.httpBind) ?? "0.0.0.0"
        maximumBackupAge = try values.duration(EnvironmentKey.maxBackupAge)
        if let text = values.string(EnvironmentKey.verifyCron) {
            do {
                verifySchedule = try CronExpression(text)
            } catch {
                throw values.error(EnvironmentKey.verifyCron, error.message)
            }
        }
        if let text = values.string(EnvironmentKey.notifySummary)?.trimmingWhitespace {
            let expression: String? =
                switch text.lowercased() {
                case "daily": "0 8 * * *"
                case "weekly": "0 8 * * 1"
                default: Bool(settingText: text).map { $0 ? "0 8 * * *" : nil } ?? text
                }
            do throws(CronError) {
                if let expression { summarySchedule = try CronExpression(expression) }
            } catch {
                throw values.error(EnvironmentKey.notifySummary, "\(error.message): use daily, weekly or a cron expression")
            }
        }
        verifySource = values.string(EnvironmentKey.verifyFrom)?.trimmingWhitespace ?? "local"
        httpToken = values.string(EnvironmentKey.httpToken).map(Secret.init)
        resyncInterval = try values.duration(EnvironmentKey.resyncInterval) ?? .seconds(60)
    }
}
