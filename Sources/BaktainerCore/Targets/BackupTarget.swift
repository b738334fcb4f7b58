/// One database to back up: a validated container with its engine settings and resolved credentials.
package struct BackupTarget: Sendable, Equatable {
    /// The container's ID.
    package var containerID: String
    /// The container's name, used in messages.
    package var containerName: String
    /// The engine identifier, e.g. "postgres".
    package var engine: String
    /// The database (for sqlite: the file path inside the container); nil with `allDatabases` or for redis.
    package var database: String?
    /// The database user, if any.
    package var user: String?
    /// The password, if any. Reaches the dump tool only through its environment or a 0600 file.
    package var password: Secret?
    /// Dump every database (`baktainer.db.all=true`).
    package var allDatabases: Bool
    /// The prefix of backup file names (`baktainer.name`, else the container name).
    package var backupName: String
    /// The argv of a `custom` engine (`baktainer.command`).
    package var customCommand: [String]?
    /// The schedules its labels declare; empty: the global schedule (`BT_CRON`).
    package var schedules: [BackupSchedule] = []
    /// The container's labels, for the settings labels may override per container (retention, compression).
    package var labels: [String: String] = [:]

    /// Creates a target.
    package init(
        containerID: String, containerName: String, engine: String, database: String? = nil, user: String? = nil,
        password: Secret? = nil, allDatabases: Bool = false, backupName: String? = nil, customCommand: [String]? = nil
    ) {
        self.containerID = containerID
        self.containerName = containerName
        self.engine = engine
        self.database = database
        self.user = user
        self.password = password
        self.allDatabases = allDatabases
        self.backupName = backupName ?? containerName
        self.customCommand = customCommand
    }
}
