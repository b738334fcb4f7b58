/// What one successful backup wrote: stored beside the file as `<file>.json`. Holds no secret.
package struct BackupRecord: Sendable, Equatable, Codable {
    /// The container's name.
    package var container: String
    /// The engine identifier.
    package var engine: String
    /// The database, if one was named.
    package var database: String?
    /// The backup file's path.
    package var file: String
    /// The file's size in bytes.
    package var size: Int
    /// The file's SHA-256, lowercase hex.
    package var sha256: String
    /// Seconds from start of dump to the file being in place.
    package var durationSeconds: Double
    /// The dump tool's exit code (always 0 for a kept file).
    package var exitCode: Int
    /// When the dump started, in seconds since 1970.
    package var startedAt: Double
    /// The Baktainer version that wrote it.
    package var baktainerVersion: String
    /// The backup name (`baktainer.name` or the container name).
    package var backupName: String?
    /// The named schedule that made it; nil for the default stream.
    package var schedule: String?
    /// The dump's own size before compression and encryption (nil in records of older versions).
    package var dumpSize: Int?
    /// The compression applied: `gzip`, `zstd` or `none` (nil in records of older versions: none).
    package var compression: String?
    /// Whether the file is encrypted with age (nil in records of older versions: not encrypted).
    package var encrypted: Bool?
    /// Rows per table (`schema.table`) in the dump, counted as it streamed (``DumpRowCounter``), for restore
    /// tests; nil when the engine has no counter (and in records of older versions: counted after the dump).
    package var tableCounts: [String: Int]?

    /// Creates a record.
    package init(
        container: String, engine: String, database: String? = nil, file: String, size: Int, sha256: String, durationSeconds: Double,
        exitCode: Int, startedAt: Double, baktainerVersion: String, backupName: String? = nil, schedule: String? = nil
    ) {
        self.container = container
        self.engine = engine
        self.database = database
        self.file = file
        self.size = size
        self.sha256 = sha256
        self.durationSeconds = durationSeconds
        self.exitCode = exitCode
        self.startedAt = startedAt
        self.baktainerVersion = baktainerVersion
        self.backupName = backupName
        self.schedule = schedule
    }
}
