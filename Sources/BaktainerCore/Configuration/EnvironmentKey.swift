/// Names of the environment variables Baktainer reads, in one place; settings code reads values by these names
/// (see ``ConfigurationValues``), whether a variable or the configuration file set them.
///
/// The `BT_*` names are those of the earlier Ruby tool and keep their meaning. Each has a key in the
/// configuration file (``ConfigurationKey/all``); the non-`BT_` names are older names of such keys.
package enum EnvironmentKey {
    /// Path of an optional YAML configuration file; variables win over it. Read from the environment only.
    package static let configFile = "BT_CONFIG_FILE"
    /// Docker endpoint: `unix:///path` or `tcp://host:port`. Default: `DOCKER_HOST`, else the local socket.
    package static let dockerURL = "BT_DOCKER_URL"
    /// Boolean: use TLS for a `tcp://` endpoint. Default: `DOCKER_TLS_VERIFY`, else false.
    package static let ssl = "BT_SSL"
    /// CA certificate for the Docker daemon: a file path or inline PEM.
    package static let certificateAuthority = "BT_CA"
    /// Client certificate for the Docker daemon: a file path or inline PEM.
    package static let clientCertificate = "BT_CERT"
    /// Client private key for the Docker daemon: a file path or inline PEM.
    package static let clientKey = "BT_KEY"
    /// Integer ≥ 1: attempts for transient Docker failures. Default: 4.
    package static let dockerRetries = "BT_DOCKER_RETRIES"
    /// Docker CLI's endpoint variable, honoured when `BT_DOCKER_URL` is unset.
    package static let dockerHost = "DOCKER_HOST"
    /// Directory holding `ca.pem`, `cert.pem` and `key.pem`, the defaults of `BT_CA`, `BT_CERT`, `BT_KEY`.
    package static let dockerCertPath = "BT_DOCKER_CERT_PATH"
    /// Docker CLI's name for ``dockerCertPath``, honoured when that is unset.
    package static let dockerCLICertPath = "DOCKER_CERT_PATH"
    /// Docker CLI's TLS switch, honoured when `BT_SSL` is unset.
    package static let dockerTLSVerify = "DOCKER_TLS_VERIFY"
    /// Absolute path: where backup files are written. Default: `/backups`.
    package static let backupDirectory = "BT_BACKUP_DIR"
    /// Boolean: create every missing folder of `BT_BACKUP_DIR`, not only its last one. Default: false, so that a
    /// mistyped path or a forgotten volume is an error instead of backups in an unexpected place.
    package static let backupDirectoryCreateParents = "BT_BACKUP_DIR_CREATE_PARENTS"
    /// Size (`2G`, `500M`) or share (`10%`): free space the backup volume must keep; below it backups are refused.
    package static let minimumFreeSpace = "BT_MIN_FREE_SPACE"
    /// Integer 1…64: backups running at the same time. Default: 4.
    package static let threads = "BT_THREADS"
    /// Log level: trace, debug, info, notice, warning (warn), error, critical (fatal). Default: info.
    package static let logLevel = "BT_LOG_LEVEL"
    /// The Ruby tool's log level variable, honoured when `BT_LOG_LEVEL` is unset.
    package static let legacyLogLevel = "LOG_LEVEL"
    /// Log format: `text` (default) or `json` (one object per line).
    package static let logFormat = "BT_LOG_FORMAT"
    /// `key=value` (or `key`): only containers that also carry this label are backed up, so several
    /// Baktainers can share a host (e.g. `baktainer.instance=prod`).
    package static let filterLabel = "BT_FILTER_LABEL"
    /// Cron expression: the global backup schedule. Default: `0 0 * * *`.
    package static let cron = "BT_CRON"
    /// Time zone name (IANA) in which schedules are evaluated. Default: UTC.
    package static let timeZone = "BT_TZ"
    /// The system's name for ``timeZone``, honoured when that is unset (the usual way to set it).
    package static let systemTimeZone = "TZ"
    /// Boolean: back up every target once at start-up.
    package static let runOnStart = "BT_RUN_ON_START"
    /// Integer 1…10: attempts of a backup that fails for a transient reason. Default: 3.
    package static let retryAttempts = "BT_RETRY_ATTEMPTS"
    /// Seconds: how long running backups may finish after SIGTERM/SIGINT. Default: 60.
    package static let shutdownTimeout = "BT_SHUTDOWN_TIMEOUT"
    /// Port of the health, metrics and status server. Default: 8080.
    package static let httpPort = "BT_HTTP_PORT"
    /// The Ruby tool's name for the port, honoured when `BT_HTTP_PORT` is unset.
    package static let legacyHealthPort = "BT_HEALTH_PORT"
    /// Address the server binds. Default: 0.0.0.0.
    package static let httpBind = "BT_HEALTH_BIND"
    /// Duration (`90m`, `26h`, `2d`, or seconds): a target whose last success is older is stale.
    package static let maxBackupAge = "BT_MAX_BACKUP_AGE"
    /// Cron expression: when the daemon restore-tests the newest backup of every postgres/mysql/mariadb target.
    /// Unset: never.
    package static let verifyCron = "BT_VERIFY_CRON"
    /// When the daemon sends its summary: `daily`, `weekly`, a cron expression, or the Ruby tool's `true`/`false`.
    package static let notifySummary = "BT_NOTIFY_SUMMARY"
    /// The destination the scheduled restore tests take their backups from (`local`, `s3`, `sftp`). Default: local.
    package static let verifyFrom = "BT_VERIFY_FROM"
    /// Bearer token required on `/api/*` when set.
    package static let httpToken = "BT_HTTP_TOKEN"
    /// Seconds between full re-reads of the labelled containers (events cover the time between). Default: 60.
    package static let resyncInterval = "BT_RESYNC_INTERVAL"
}
