/// One database to back up: a validated container with its engine settings and resolved credentials.
package struct BackupTarget: Sendable, Equatable {
    /// The runtime (host) the container lives on.
    package var runtime: RuntimeID = .local
    /// The container's ID.
    package var containerID: String
    /// The container's name, used in messages.
    package var containerName: String
    /// The engine that dumps and restores it.
    package var engine: any DatabaseEngine
    /// The database (for sqlite: the file path inside the container); nil with `allDatabases` or for redis.
    package var database: String?
    /// The database user, if any.
    package var user: String?
    /// The password, if any. Reaches the dump tool only through its environment or a 0600 file.
    package var password: Secret?
    /// Where the password came from, for messages (`label baktainer.db.password`, `MARIADB_ROOT_PASSWORD in
    /// the container's environment`); nil when there is none or it was set directly.
    package var passwordOrigin: String?
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
        containerID: String, containerName: String, engine: any DatabaseEngine, database: String? = nil, user: String? = nil,
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

    /// `<runtime>/<container name>`: unique across hosts.
    package var key: String { "\(runtime)/\(containerName)" }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.runtime == rhs.runtime && lhs.containerID == rhs.containerID && lhs.containerName == rhs.containerName
            && lhs.engine.identifier == rhs.engine.identifier && lhs.database == rhs.database && lhs.user == rhs.user
            && lhs.password == rhs.password && lhs.passwordOrigin == rhs.passwordOrigin && lhs.allDatabases == rhs.allDatabases
            && lhs.backupName == rhs.backupName
            && lhs.customCommand == rhs.customCommand && lhs.schedules == rhs.schedules && lhs.labels == rhs.labels
    }
}
