/// The Docker labels Baktainer reads from a database container, in one place.
///
/// These are the labels of the earlier Ruby tool and keep their meaning.
package enum BackupLabel {
    /// `true` marks a container for backup; discovery lists only these.
    package static let backup = "baktainer.backup"
    /// The engine: postgres, mysql, mariadb, sqlite, redis, mongodb.
    package static let engine = "baktainer.db.engine"
    /// The database to dump.
    package static let database = "baktainer.db.name"
    /// The database user.
    package static let user = "baktainer.db.user"
    /// The database password (a secret: never printed).
    package static let password = "baktainer.db.password"
    /// A file inside the container holding the database password (read at backup time, trailing newlines trimmed).
    package static let passwordFile = "baktainer.db.password_file"
    /// `true` dumps every database of the server instead of `baktainer.db.name`.
    package static let allDatabases = "baktainer.db.all"
    /// The name used for backup files; defaults to the container name.
    package static let name = "baktainer.name"
    /// The dump command of a `custom` engine.
    package static let command = "baktainer.command"

    /// A cron expression replacing `BT_CRON` for this container; `baktainer.schedule.NAME` adds named streams.
    package static let schedule = "baktainer.schedule"

    /// `false` mutes this container's notifications (default `true`).
    package static let notify = "baktainer.notify"
    /// Names of configured notification channels (`BT_NOTIFY_URLS`' `name=`) this container's messages go to,
    /// comma-separated; unset: every channel. A label selects among the operator's channels, never supplies a URL.
    package static let notifyChannels = "baktainer.notify.channels"

    /// The filter that selects containers marked for backup.
    package static let backupFilter = "\(backup)=true"
}
