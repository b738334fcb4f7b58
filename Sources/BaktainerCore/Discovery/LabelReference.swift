/// One `baktainer.*` label as the reference page documents it: `baktainer config --reference` prints
/// ``LabelReference/all`` as part of docs/configuration.md.
package struct LabelReference: Sendable, Equatable {
    /// The label, with `NAME` or `RULE` standing for a part the user chooses.
    package let label: String
    /// What values it takes.
    package let type: String
    /// What applies when it is not set.
    package let defaultValue: String
    /// A value a person might set.
    package let example: String
    /// The version that introduced it (``ConfigurationKey/rubyTool`` for the Ruby tool's labels).
    package let since: String
    /// What it does.
    package let summary: String

    /// Creates an entry.
    package init(_ label: String, type: String, default defaultValue: String = "—", example: String, since: String = "0.1.0", _ summary: String) {
        self.label = label
        self.type = type
        self.defaultValue = defaultValue
        self.example = example
        self.since = since
        self.summary = summary
    }

    /// Every label Baktainer reads on a database container, and the one it sets on its own throw-away containers.
    package static let all: [LabelReference] = [
        LabelReference(
            BackupLabel.backup, type: "`true`", example: "true", since: ConfigurationKey.rubyTool,
            "Marks the container for backup; only the exact value `true` selects it (Docker's label filter)."),
        LabelReference(
            BackupLabel.engine, type: "engine", example: "postgres", since: ConfigurationKey.rubyTool,
            "`postgres` (`postgresql`), `mysql`, `mariadb`, `sqlite`, `redis`, `mongodb` (`mongo`) or `custom`."),
        LabelReference(
            BackupLabel.database, type: "string", default: "the image's database variable (`POSTGRES_DB`, …)", example: "shop",
            since: ConfigurationKey.rubyTool, "The database to dump; for sqlite the database file's path inside the container."),
        LabelReference(
            BackupLabel.user, type: "string", default: "the image's variables (`POSTGRES_USER`; `root` with a root password; see docs/engines.md)",
            example: "backup",
            since: ConfigurationKey.rubyTool, "The database user."),
        LabelReference(
            BackupLabel.password, type: "secret", default: "the image's password variable for that user (see docs/engines.md)", example: "(the password)",
            since: ConfigurationKey.rubyTool, "The password; never printed. Prefer the next label or the image's `*_FILE` variables."),
        LabelReference(
            BackupLabel.passwordFile, type: "path", example: "/run/secrets/db-password",
            "A file inside the database container holding the password (trailing newlines trimmed)."),
        LabelReference(
            BackupLabel.allDatabases, type: "bool", default: "false", example: "true",
            "Dump every database of the server (`pg_dumpall`, `--all-databases`) instead of one."),
        LabelReference(
            BackupLabel.name, type: "string", default: "the container name", example: "shop-db", since: ConfigurationKey.rubyTool,
            "The name of the backup files; give each container its own."),
        LabelReference(
            BackupLabel.command, type: "JSON array or words", example: #"["pg_dump","--format=custom","shop"]"#,
            "Engine `custom` only: the dump command, never run through a shell; its program must be one of `pg_dump`, `pg_dumpall`, `mysqldump`, `mariadb-dump`, `mongodump`, `redis-cli`, `sqlite3`."
        ),
        LabelReference(BackupLabel.schedule, type: "cron", default: "`BT_CRON`", example: "0 3 * * *", "This container's schedule."),
        LabelReference(
            "\(BackupLabel.schedule).NAME", type: "cron", example: "0 * * * *",
            "Adds a named stream of backups, files `<name>-NAME-<seconds>.<ext>`; named schedules replace the default stream unless `\(BackupLabel.schedule)` is set too."
        ),
        LabelReference(
            BackupLabel.compress, type: "gzip, zstd or none", default: "`BT_COMPRESS`", example: "zstd", since: ConfigurationKey.rubyTool,
            "This container's compression."),
        LabelReference(
            BackupLabel.compressLevel, type: "int", default: "`BT_COMPRESS_LEVEL`", example: "9", "This container's compression level."),
        LabelReference(
            "\(BackupLabel.retentionPrefix)RULE", type: "int ≥ 0; duration for keep-within", default: "the `BT_RETENTION_*` policy",
            example: "7",
            "`keep-last`, `keep-hourly`, `keep-daily`, `keep-weekly`, `keep-monthly`, `keep-yearly`, `keep-within`: this container's retention policy, replacing the global one."
        ),
        LabelReference(
            BackupLabel.scheduleRetentionPrefix("NAME") + "RULE", type: "as above", default: "the container's policy", example: "24",
            "The same for one named schedule."),
        LabelReference(
            BackupLabel.notify, type: "bool", default: "true", example: "false", since: "0.2.0", "`false` mutes this container's notifications."),
        LabelReference(
            BackupLabel.notifyChannels, type: "list of channel names", default: "every channel", example: "ops-slack,hc-shop", since: "0.2.0",
            "Which of the configured channels (`BT_NOTIFY_URLS`, each URL's `name=`) this container's messages go to; a label never supplies a URL."),
        LabelReference(
            RestoreTest.label, type: "container name", example: "shop-db",
            "Set by Baktainer on the throw-away containers of restore tests (never set it yourself)."),
    ]
}
