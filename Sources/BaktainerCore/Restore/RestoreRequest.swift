/// What `baktainer restore` was asked to do.
package struct RestoreRequest: Sendable, Equatable {
    /// The backup file.
    package var file: String
    /// The destination container (name or ID); nil: the container the backup came from.
    package var container: String?
    /// The destination database (sqlite: the file path inside the container); nil: the backup's own.
    package var database: String?
    /// Create the database when it does not exist (`--create`).
    package var create: Bool
    /// Restore into a database that already holds tables (`--yes`).
    package var overwrite: Bool
    /// Override the engine's refusals: an open SQLite file, a Redis restart (`--force`).
    package var force: Bool

    /// Creates a request.
    package init(file: String, container: String? = nil, database: String? = nil, create: Bool = false, overwrite: Bool = false, force: Bool = false) {
        self.file = file
        self.container = container
        self.database = database
        self.create = create
        self.overwrite = overwrite
        self.force = force
    }
}
