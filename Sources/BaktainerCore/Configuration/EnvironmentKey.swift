/// Names of the environment variables Baktainer reads, in one place.
///
/// The `BT_*` names are those of the earlier Ruby tool and keep their meaning.
package enum EnvironmentKey {
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
    /// Docker CLI's directory holding `ca.pem`, `cert.pem` and `key.pem`.
    package static let dockerCertPath = "DOCKER_CERT_PATH"
    /// Docker CLI's TLS switch, honoured when `BT_SSL` is unset.
    package static let dockerTLSVerify = "DOCKER_TLS_VERIFY"
    /// Absolute path: where backup files are written. Default: `/backups`.
    package static let backupDirectory = "BT_BACKUP_DIR"
    /// Integer 1…64: backups running at the same time. Default: 4.
    package static let threads = "BT_THREADS"
    /// Log level: trace, debug, info, notice, warning (warn), error, critical (fatal). Default: info.
    package static let logLevel = "BT_LOG_LEVEL"
    /// The Ruby tool's log level variable, honoured when `BT_LOG_LEVEL` is unset.
    package static let legacyLogLevel = "LOG_LEVEL"
    /// Log format: `text` (default) or `json` (one object per line).
    package static let logFormat = "BT_LOG_FORMAT"
}
