#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything that happens to backups, emitted once from one place (``BackupJobRunner`` for backups and
/// retention, ``RestoreTest`` runs for restore tests) for both `baktainer backup` and `baktainer run`. The
/// daemon's state, the metrics and the log observe it; notifications will be one more ``BackupObserver``.
package enum BackupEvent: Sendable {
    /// A backup attempt started.
    case started(BackupJobInfo, attempt: Int)
    /// A backup was committed with its record (``BackupRecord/file`` is its key in `storage`).
    case succeeded(BackupJobInfo, BackupRecord, location: String, attempts: Int)
    /// An attempt failed and another follows after `delay`.
    case retried(BackupJobInfo, BackupFailure, attempt: Int, delay: Duration)
    /// The backup failed for good (after its last attempt, or at once for a permanent failure).
    case failed(BackupJobInfo, BackupFailure, attempts: Int)
    /// A due backup was not started, e.g. because the previous run of the stream is still going.
    case skipped(BackupJobInfo, reason: String)
    /// Retention ran for a stream after a backup, in the backup directory or a destination (the deleted entries'
    /// locations say which): what it deleted and what it could not.
    case pruned(BackupJobInfo, PruneResult)
    /// A backup was copied to a destination off the host, or failed to be (``DestinationCopier``).
    case copied(BackupJobInfo, DestinationCopyResult)
    /// A restore test ended (``RestoreTest``).
    case restoreTested(target: String, engine: String, Result<RestoreTestReport, RestoreTestFailure>)
    /// The daemon's periodic check found a stream without a success for longer than its freshness limit (the rule
    /// of `/health`); repeated at every check while it lasts.
    case overdue(BackupJobInfo, lastSuccessAt: Date?)
    /// The daemon's view of Docker: unreachable since `since` (repeated at every check while it lasts), or answering
    /// again.
    case docker(reachable: Bool, since: Date, error: String?)
    /// The periodic summary (`BT_NOTIFY_SUMMARY`): every stream's status.
    case summary([JobStatus])
}

/// Hears every ``BackupEvent``. Observers must return quickly; a slow one (a network notifier) buffers or
/// drops on its own side.
package protocol BackupObserver: Sendable {
    /// Takes note of `event`, which happened at `date`.
    func observe(_ event: BackupEvent, at date: Date) async
}

/// Which backup an event is about: the stream (target and schedule) and its engine. Holds no secret.
package struct BackupJobInfo: Sendable, Equatable {
    /// The runtime (host) the container lives on.
    package var runtime: RuntimeID
    /// The container's name.
    package var container: String
    /// The backup name (`baktainer.name`, else the container name).
    package var backupName: String
    /// The engine identifier.
    package var engine: String
    /// The database, if named.
    package var database: String?
    /// The schedule's name (``BackupSchedule/defaultName`` for the default stream).
    package var schedule: String
    /// Tells one run of the stream from another in the logs (8 hex digits).
    package var run: String
    /// False when the container's `baktainer.notify=false` mutes its notifications.
    package var notifies = true
    /// The notification channels its `baktainer.notify.channels` label selects; nil: every configured channel.
    package var notifyChannels: [String]?

    /// Describes a run of `target`'s stream `schedule`.
    package init(target: BackupTarget, schedule: String = BackupSchedule.defaultName) {
        run = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        runtime = target.runtime
        container = target.containerName
        backupName = target.backupName
        engine = target.engine.identifier
        database = target.database
        self.schedule = schedule
        notifies = target.labels[BackupLabel.notify].flatMap { Bool(settingText: $0) } ?? true
        notifyChannels = target.labels[BackupLabel.notifyChannels].map { text in
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// `<runtime>/<container>/<schedule>`: the stream's key in status and metrics.
    package var key: String { "\(runtime)/\(container)/\(schedule)" }
}
