/// What `baktainer restore` was asked to do.
package struct RestoreRequest: Sendable, Equatable {
    /// The backup file.
    package var file: String
    /// The storage holding `file` as a key; nil: `file` is a path on this host (``LocalBackupStorage/locate(_:minimumFreeSpace:)``).
    package var storage: (any BackupStorage)?
    /// The destination container (name or ID); nil: the container the backup came from.
    package var container: String?
    /// The destination database (sqlite: the file path inside the container); nil: the backup's own.
    package var database: String?
    /// Create the database when it does not exist (`--create`).
    package var create: Bool
    /// Restore into a database that already holds tables (`--yes`).
    package var overwrite: Bool
    /// Override the engine's refusals: an open SQLite file, a Redis restart (`--force`); for a dump without its
    /// record, a missing completion marker.
    package var force: Bool
    /// The engine of a dump without Baktainer's record (`--engine`); nil: the record says.
    package var engine: String?

    /// Creates a request.
    package init(file: String, container: String? = nil, database: String? = nil, create: Bool = false, overwrite: Bool = false, force: Bool = false) {
        self.file = file
        self.container = container
        self.database = database
        self.create = create
        self.overwrite = overwrite
        self.force = force
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.file == rhs.file && lhs.storage?.name == rhs.storage?.name && lhs.container == rhs.container && lhs.database == rhs.database
            && lhs.create == rhs.create && lhs.overwrite == rhs.overwrite && lhs.force == rhs.force && lhs.engine == rhs.engine
    }
}
