extension ConfigurationKey {
    /// Every setting Baktainer reads, in the order `baktainer config` shows them. The settings types
    /// (``DockerSettings``, ``BackupSettings``, ``LogSettings``, ``PipelineSettings``, ``DaemonSettings``) document
    /// what each means; a literal default here must equal the one their code applies (a test checks it).
    package static let all: [ConfigurationKey] = [
        // Docker (DockerSettings)
        ConfigurationKey("docker.url", default: .value("unix:///var/run/docker.sock"), aliases: [EnvironmentKey.dockerHost]),
        ConfigurationKey("ssl", default: .value("false"), aliases: [EnvironmentKey.dockerTLSVerify]),
        ConfigurationKey("ca", default: .described("ca.pem in docker.cert_path")),
        ConfigurationKey("cert", default: .described("cert.pem in docker.cert_path")),
        ConfigurationKey("key", default: .described("key.pem in docker.cert_path"), secrecy: .unlessPath),
        ConfigurationKey("docker.cert_path", aliases: [EnvironmentKey.dockerCLICertPath]),
        ConfigurationKey("docker.retries", default: .value("4")),
        // Backups (BackupSettings, FreeSpaceGuard)
        ConfigurationKey("backup_dir", default: .value("/backups")),
        ConfigurationKey("backup_dir_create_parents", default: .value("false")),
        ConfigurationKey("threads", default: .value("4")),
        ConfigurationKey("min_free_space"),
        ConfigurationKey("filter_label"),
        // Logging (LogSettings)
        ConfigurationKey("log.level", default: .value("info"), aliases: [EnvironmentKey.legacyLogLevel]),
        ConfigurationKey("log.format", default: .value("text")),
        // Compression and encryption (CompressionSettings, EncryptionSettings)
        ConfigurationKey("compress", default: .value("gzip")),
        ConfigurationKey("compress_level", default: .described("gzip 6, zstd 3")),
        ConfigurationKey("age.recipients"),
        ConfigurationKey("age.recipients_file"),
        ConfigurationKey("age.passphrase", secrecy: .always),
        ConfigurationKey("age.passphrase_file"),
        ConfigurationKey("age.identity_file"),
        // Retention (RetentionSettings)
        ConfigurationKey("retention.keep_last"),
        ConfigurationKey("retention.keep_hourly"),
        ConfigurationKey("retention.keep_daily"),
        ConfigurationKey("retention.keep_weekly"),
        ConfigurationKey("retention.keep_monthly"),
        ConfigurationKey("retention.keep_yearly"),
        ConfigurationKey("retention.keep_within"),
        ConfigurationKey("retention.days"),
        ConfigurationKey("retention.count"),
        // The daemon (DaemonSettings)
        ConfigurationKey("cron", default: .value("0 0 * * *")),
        ConfigurationKey("tz", default: .value("UTC"), aliases: [EnvironmentKey.systemTimeZone]),
        ConfigurationKey("run_on_start", default: .value("false")),
        ConfigurationKey("retry_attempts", default: .value("3")),
        ConfigurationKey("shutdown_timeout", default: .value("60")),
        ConfigurationKey("http.port", default: .value("8080"), aliases: [EnvironmentKey.legacyHealthPort]),
        ConfigurationKey("health.bind", default: .value("0.0.0.0")),
        ConfigurationKey("max_backup_age", default: .described("three schedule intervals")),
        ConfigurationKey("http.token", secrecy: .always),
        ConfigurationKey("resync_interval", default: .value("60")),
        ConfigurationKey("verify_cron"),
    ]
}
