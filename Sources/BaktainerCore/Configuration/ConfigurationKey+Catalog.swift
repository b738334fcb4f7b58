extension ConfigurationKey {
    /// Every setting Baktainer reads, in the order `baktainer config` shows them; `baktainer config --reference`
    /// prints this catalog as docs/configuration.md. The settings types (``DockerSettings``, ``BackupSettings``,
    /// ``LogSettings``, ``PipelineSettings``, ``DaemonSettings``) apply them; a literal default here must equal the
    /// one their code applies (a test checks it).
    package static let all: [ConfigurationKey] =
        [
            // Docker (DockerSettings)
            ConfigurationKey(
                "docker.url", type: "URL", default: .value("unix:///var/run/docker.sock"), aliases: [EnvironmentKey.dockerHost],
                example: "tcp://docker-proxy:2375", since: rubyTool, "The Docker endpoint: `unix:///path`, `tcp://host:port`."),
            ConfigurationKey(
                "ssl", type: "bool", default: .value("false"), aliases: [EnvironmentKey.dockerTLSVerify], example: "true", since: rubyTool,
                "TLS for a `tcp://` endpoint."),
            ConfigurationKey(
                "ca", type: "path or PEM", default: .described("ca.pem in docker.cert_path"), example: "/certs/ca.pem", since: rubyTool,
                "The CA that signed the Docker daemon's certificate."),
            ConfigurationKey(
                "cert", type: "path or PEM", default: .described("cert.pem in docker.cert_path"), example: "/certs/cert.pem", since: rubyTool,
                "The client certificate, for a daemon run with `--tlsverify`."),
            ConfigurationKey(
                "key", type: "path or PEM", default: .described("key.pem in docker.cert_path"), secrecy: .unlessPath, example: "/certs/key.pem",
                since: rubyTool, "The client key; a key that does not match the certificate is a start-up error. Inline PEM is secret."),
            ConfigurationKey(
                "docker.cert_path", type: "path", aliases: [EnvironmentKey.dockerCLICertPath], example: "/certs",
                "A folder of `ca.pem`, `cert.pem` and `key.pem`, the defaults of the three above."),
            ConfigurationKey(
                "docker.retries", type: "int 1–20", default: .value("4"), example: "6",
                "Attempts for transient Docker failures (refused, reset, 503), with exponential back-off and jitter."),
            // Backups (BackupSettings, FreeSpaceGuard)
            ConfigurationKey(
                "backup_dir", type: "absolute path", default: .value("/backups"), example: "/srv/backups", since: rubyTool,
                "Where backup files are written: `YYYY-MM-DD/<name>-<unix seconds>.<ext>`."),
            ConfigurationKey(
                "backup_dir_create_parents", type: "bool", default: .value("false"), example: "true",
                "Create every missing folder of the backup directory; otherwise only its last one, so a typo or a forgotten volume is an error."),
            ConfigurationKey(
                "threads", type: "int 1–64", default: .value("4"), example: "2", since: rubyTool, "Backups running at the same time."),
            ConfigurationKey(
                "min_free_space", type: "size or share", example: "2G",
                "Below this free space on the backup volume (`500M`, `10%`) a backup is refused; older backups are never deleted to make room."),
            ConfigurationKey(
                "filter_label", type: "label or label=value", example: "baktainer.instance=prod",
                "Back up only containers that also carry this label (several Baktainers on one host)."),
            // Logging (LogSettings)
            ConfigurationKey(
                "log.level", type: "level", default: .value("info"), aliases: [EnvironmentKey.legacyLogLevel], example: "debug", since: rubyTool,
                "`trace`, `debug`, `info`, `notice`, `warning` (`warn`), `error`, `critical` (`fatal`)."),
            ConfigurationKey(
                "log.format", type: "text or json", default: .value("text"), example: "json",
                "`json`: one object per line with `time`, `level`, `message` and fields such as `container`, `engine`, `run`."),
            // Compression and encryption (CompressionSettings, EncryptionSettings)
            ConfigurationKey(
                "compress", type: "gzip, zstd or none", default: .value("gzip"), example: "zstd", since: rubyTool,
                "Compression of new backups (`true` is gzip, `false` none)."),
            ConfigurationKey(
                "compress_level", type: "int", default: .described("gzip 6, zstd 3"), example: "9", "gzip 1–9, zstd 1–19."),
            ConfigurationKey(
                "age.recipients", type: "list of age1…", example: "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
                "Encrypt new backups to these X25519 recipients (files end in `.age`)."),
            ConfigurationKey(
                "age.recipients_file", type: "path", example: "/run/secrets/age-recipients", "The recipients, one per line (`#` comments)."),
            ConfigurationKey(
                "age.passphrase", type: "secret", secrecy: .always, example: "(a long passphrase)",
                "Encrypt with a passphrase (age scrypt) instead of recipients."),
            ConfigurationKey(
                "age.passphrase_file", type: "path", example: "/run/secrets/age-passphrase", "A file holding the passphrase."),
            ConfigurationKey(
                "age.identity_file", type: "path", example: "/run/secrets/age-key.txt",
                "Identities (`AGE-SECRET-KEY-1…`) that open encrypted backups, for `verify` and `restore`."),
            // Retention (RetentionSettings)
            ConfigurationKey("retention.keep_last", type: "int ≥ 0", example: "3", "Keep the newest N backups of every stream."),
            ConfigurationKey("retention.keep_hourly", type: "int ≥ 0", example: "24", "Keep the newest backup of each of the last N hours that have backups."),
            ConfigurationKey("retention.keep_daily", type: "int ≥ 0", example: "7", "The same per day (in `TZ`)."),
            ConfigurationKey("retention.keep_weekly", type: "int ≥ 0", example: "4", "The same per ISO week."),
            ConfigurationKey("retention.keep_monthly", type: "int ≥ 0", example: "12", "The same per month."),
            ConfigurationKey("retention.keep_yearly", type: "int ≥ 0", example: "3", "The same per year."),
            ConfigurationKey("retention.keep_within", type: "duration", example: "30d", "Keep every backup younger than this."),
            ConfigurationKey(
                "retention.days", type: "int", example: "14", since: rubyTool,
                "The Ruby tool's name: keep-within N days, used when `BT_RETENTION_KEEP_WITHIN` is unset."),
            ConfigurationKey(
                "retention.count", type: "int", example: "10", since: rubyTool,
                "The Ruby tool's name: keep-last N, used when `BT_RETENTION_KEEP_LAST` is unset."),
            // Destinations (S3Settings; DestinationCopier): copies off the host after each local backup
            ConfigurationKey(
                "s3.bucket", type: "bucket name", example: "db-backups", since: "0.2.0", "Copy every backup to this S3 bucket (destination `s3`)."),
            ConfigurationKey(
                "s3.endpoint", type: "URL", default: .described("AWS in s3.region"), example: "https://minio.lan:9000", since: "0.2.0",
                "An S3-compatible server: MinIO, Garage, Ceph, R2, B2, Wasabi."),
            ConfigurationKey("s3.region", type: "region", default: .value("us-east-1"), example: "eu-central-1", since: "0.2.0", "The signing region."),
            ConfigurationKey("s3.prefix", type: "path", example: "prod/db", since: "0.2.0", "The folder in the bucket; empty: its root."),
            ConfigurationKey("s3.access_key_id", type: "string", example: "AKIAIOSFODNN7EXAMPLE", since: "0.2.0", "The access key id."),
            ConfigurationKey(
                "s3.secret_access_key", type: "secret", secrecy: .always, example: "(the secret key)", since: "0.2.0", "The secret access key."),
            ConfigurationKey(
                "s3.secret_access_key_file", type: "path", example: "/run/secrets/s3-secret", since: "0.2.0", "A file holding the secret access key."),
            ConfigurationKey(
                "s3.path_style", type: "bool", default: .described("true with s3.endpoint, else false"), example: "true", since: "0.2.0",
                "`endpoint/bucket/key` instead of `bucket.endpoint/key`."),
            ConfigurationKey("s3.sse", type: "AES256 or aws:kms", example: "aws:kms", since: "0.2.0", "Server-side encryption of the objects."),
            ConfigurationKey("s3.sse_kms_key_id", type: "string", example: "alias/backups", since: "0.2.0", "The KMS key for `aws:kms`."),
            ConfigurationKey("s3.storage_class", type: "string", example: "STANDARD_IA", since: "0.2.0", "The objects' storage class."),
            ConfigurationKey(
                "s3.part_size", type: "size 5M–5G", default: .described("16M, raised to fit 10,000 parts"), example: "64M", since: "0.2.0",
                "The part size of multipart uploads (all parts equal but the last); a file up to it goes up in one PUT."),
            ConfigurationKey(
                "s3.object_lock_mode", type: "GOVERNANCE or COMPLIANCE", example: "COMPLIANCE", since: "0.2.0",
                "Lock every object with S3 Object Lock (the bucket must have it enabled); with `s3.object_lock_retain`."),
            ConfigurationKey(
                "s3.object_lock_retain", type: "duration", example: "30d", since: "0.2.0",
                "How long each object stays locked from its upload: keep it within the destination's retention."),
            ConfigurationKey(
                "sftp.host", type: "host", example: "nas.lan", since: "0.2.0", "Copy every backup to this SSH server over SFTP (destination `sftp`)."),
            ConfigurationKey("sftp.port", type: "int", default: .value("22"), example: "2222", since: "0.2.0", "The server's SSH port."),
            ConfigurationKey("sftp.user", type: "string", example: "backup", since: "0.2.0", "The user to log in as."),
            ConfigurationKey(
                "sftp.path", type: "path", example: "/srv/backups", since: "0.2.0",
                "The directory on the server that takes the backups (relative: from the user's home); it must exist."),
            ConfigurationKey(
                "sftp.private_key_file", type: "path", example: "/run/secrets/sftp-key", since: "0.2.0",
                "An Ed25519 or ECDSA key in OpenSSH's format, without a passphrase (RSA keys cannot sign here)."),
            ConfigurationKey(
                "sftp.password", type: "secret", secrecy: .always, example: "(the password)", since: "0.2.0",
                "The password, tried after the key."),
            ConfigurationKey("sftp.password_file", type: "path", example: "/run/secrets/sftp-password", since: "0.2.0", "A file holding the password."),
            ConfigurationKey(
                "sftp.known_hosts_file", type: "path", example: "/etc/baktainer/known_hosts", since: "0.2.0",
                "The server's host key in `known_hosts` form (`ssh-keyscan -p PORT HOST`); this or `sftp.host_key_fingerprint` is required."),
            ConfigurationKey(
                "sftp.host_key_fingerprint", type: "SHA256:…", example: "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", since: "0.2.0",
                "The server's host key, pinned by its fingerprint (`ssh-keyscan -p PORT HOST | ssh-keygen -lf -`)."),
        ]
        + ["local", "s3", "sftp"].flatMap { destination in
            [
                ("keep_last", "int ≥ 0", "3"), ("keep_hourly", "int ≥ 0", "24"), ("keep_daily", "int ≥ 0", "7"), ("keep_weekly", "int ≥ 0", "4"),
                ("keep_monthly", "int ≥ 0", "12"), ("keep_yearly", "int ≥ 0", "3"), ("keep_within", "duration", "30d"),
            ].map { rule, type, example in
                ConfigurationKey(
                    "\(destination).retention.\(rule)", type: type, example: example, since: "0.2.0",
                    "Retention for the destination `\(destination)` alone: any of these replaces `retention.*` and the retention labels there.")
            }
        } + [
            // Notifications (NotifySettings; Notifier)
            ConfigurationKey(
                "notify.urls", type: "list of URLs", secrecy: .always, example: "(slack://…,smtp://…)",
                since: "0.2.0",
                "Where notifications go, comma-separated: `generic+https://…`, `slack://…`, `discord://…`, `teams+https://…`, `ntfy://…`, `gotify://…`, `smtp://…`, `healthchecks+https://…`, `kuma+https://…`; options `name`, `level`, `after`, `remind` per URL (docs/notifications.md)."
            ),
            ConfigurationKey("notify.urls_file", type: "path", example: "/run/secrets/notify-urls", since: "0.2.0", "A file holding the URLs, one per line."),
            ConfigurationKey(
                "notify.level", type: "failure, success or all", default: .value("failure"), example: "success", since: "0.2.0",
                "What channels get: problems and recoveries; also every success; also passed restore tests and skipped runs."),
            ConfigurationKey(
                "notify.after", type: "int 1–1000", default: .value("1"), example: "3", since: "0.2.0",
                "Report a problem only once it happened this many times in a row."),
            ConfigurationKey(
                "notify.remind", type: "duration", example: "12h", since: "0.2.0",
                "While a problem lasts, repeat its message at most this often; unset: once."),
            ConfigurationKey(
                "notify.webhook_secret", type: "secret", secrecy: .always, example: "(a random string)", since: "0.2.0",
                "Signs generic webhooks: `X-Baktainer-Signature: t=…,v1=<HMAC-SHA256 of \"t.body\">`."),
            ConfigurationKey(
                "notify.webhook_secret_file", type: "path", example: "/run/secrets/webhook-secret", since: "0.2.0", "A file holding the webhook secret."),
            ConfigurationKey(
                "notify.timeout", type: "duration", default: .value("10"), example: "30s", since: "0.2.0",
                "One delivery attempt's limit; transient failures are retried twice with back-off."),
            ConfigurationKey(
                "notify.template", type: "path", example: "/etc/baktainer/message.mustache", since: "0.2.0",
                "A Mustache template for every channel's message text (a URL's `template=` overrides it); it sees the webhook body's fields and `facts`."
            ),
            ConfigurationKey(
                "notify.docker_unreachable", type: "duration", default: .value("10m"), example: "30m", since: "0.2.0",
                "Report Docker unreachable after this long."),
            ConfigurationKey(
                "notify.summary", type: "daily, weekly or cron", example: "weekly", since: rubyTool,
                "Send every channel a summary of every stream (last result, size, age of the newest backup, failures) at 08:00 (`daily`), Mondays 08:00 (`weekly`) or on a cron expression; `true` is daily."
            ),
            ConfigurationKey(
                "notify.success", type: "bool", default: .value("false"), example: "true", since: rubyTool,
                "`true`: level `success` when `notify.level` is unset."),
            ConfigurationKey(
                "notify.failures", type: "bool", default: .value("true"), example: "true", since: rubyTool,
                "Accepted; failures are always reported."),
            ConfigurationKey(
                "notify.warnings", type: "bool", default: .value("true"), example: "true", since: rubyTool,
                "Accepted; warnings are always reported."),
            ConfigurationKey(
                "notification_channels", type: "list", example: "slack,webhook", since: rubyTool,
                "The Ruby tool's channels: `slack`, `discord`, `teams`, `webhook` use the four URL variables below."),
            ConfigurationKey(
                "slack_webhook_url", type: "URL", secrecy: .always, example: "(a Slack webhook URL)", since: rubyTool, "A Slack webhook."),
            ConfigurationKey(
                "discord_webhook_url", type: "URL", secrecy: .always, example: "(a Discord webhook URL)", since: rubyTool, "A Discord webhook."),
            ConfigurationKey(
                "teams_webhook_url", type: "URL", secrecy: .always, example: "(a Teams workflow URL)", since: rubyTool,
                "A Teams workflow webhook."),
            ConfigurationKey(
                "webhook_url", type: "URL", secrecy: .always, example: "(a webhook URL)", since: rubyTool,
                "The generic webhook (JSON body)."),
            // The daemon (DaemonSettings)
            ConfigurationKey(
                "cron", type: "cron", default: .value("0 0 * * *"), example: "0 3 * * *", since: rubyTool,
                "The global schedule: five fields, or six with seconds first; `@daily` and names such as `MON` too."),
            ConfigurationKey(
                "tz", type: "IANA zone", default: .value("UTC"), aliases: [EnvironmentKey.systemTimeZone], example: "Europe/Berlin",
                "The zone of schedules and retention periods."),
            ConfigurationKey(
                "run_on_start", type: "bool", default: .value("false"), example: "true", "Back up every target once when the daemon starts."),
            ConfigurationKey(
                "retry_attempts", type: "int 1–10", default: .value("3"), example: "5", "Attempts of a backup that fails for a transient reason."),
            ConfigurationKey(
                "shutdown_timeout", type: "duration", default: .value("60"), example: "5m",
                "How long running backups may finish after SIGTERM before they are cancelled."),
            ConfigurationKey(
                "http.port", type: "int", default: .value("8080"), aliases: [EnvironmentKey.legacyHealthPort], example: "9090",
                "The status server's port (`0`: no server)."),
            ConfigurationKey(
                "health.bind", type: "address", default: .value("0.0.0.0"), example: "127.0.0.1", since: rubyTool, "The status server's address."),
            ConfigurationKey(
                "max_backup_age", type: "duration", default: .described("three schedule intervals"), example: "26h",
                "When `/health` calls a stream stale."),
            ConfigurationKey(
                "http.token", type: "secret", secrecy: .always, example: "(a random token)", "The bearer token `/api/*` requires."),
            ConfigurationKey(
                "resync_interval", type: "duration", default: .value("60"), example: "5m", "How often the labelled containers are re-read in full."),
            ConfigurationKey(
                "verify_cron", type: "cron", example: "0 5 * * 0",
                "When the daemon restore-tests the newest backup of every postgres, mysql and mariadb target."),
            ConfigurationKey(
                "verify_from", type: "destination", default: .value("local"), example: "s3", since: "0.2.0",
                "Where the scheduled restore tests take each newest backup from: `local` or a destination (`s3`, `sftp`), streamed."),
        ]
}
