/// Turns a labelled container into a validated ``BackupTarget``, or a message naming the container and the
/// label to fix.
///
/// Labels win; what they leave out comes from the variables the engine's official image reads (see
/// ``ImageEnvironment``). Label values are data, never parsed as shell or anything else. Empty values count
/// as unset. No error message ever holds a password or a file's content.
package struct TargetResolver: Sendable {
    private let registry: EngineRegistry

    /// Creates a resolver that accepts the engines of `registry`.
    package init(registry: EngineRegistry = EngineRegistry()) {
        self.registry = registry
    }

    /// Resolves `container` from its labels and its own environment. Pure apart from `readFile`, which
    /// returns the content of a file *inside* the container (password files, `*_FILE` variables).
    package func resolve(
        _ container: ContainerInfo, readFile: (String) async throws -> String
    ) async -> Result<BackupTarget, TargetError> {
        do {
            return .success(try await target(for: container, readFile: readFile))
        } catch {
            return .failure(error)
        }
    }

    private func target(
        for container: ContainerInfo, readFile: (String) async throws -> String
    ) async throws(TargetError) -> BackupTarget {
        func fail(_ message: String) -> TargetError { TargetError(containerName: container.name, message: message) }
        func label(_ key: String) -> String? { container.labels[key].flatMap { $0.isEmpty ? nil : $0 } }
        func env(_ key: String) -> String? { container.environmentValue(key).flatMap { $0.isEmpty ? nil : $0 } }

        // Engine.
        let known = registry.names.joined(separator: ", ")
        guard let engineName = label(BackupLabel.engine)?.trimmingWhitespace else {
            throw fail("\(BackupLabel.engine) is not set; use one of \(known)")
        }
        guard let engine = registry.engine(named: engineName) else {
            if let suggestion = NameSuggestion.closest(to: engineName, among: registry.names) {
                throw fail("\(BackupLabel.engine) '\(engineName)' is not an engine: did you mean \(suggestion)? (engines: \(known))")
            }
            throw fail("\(BackupLabel.engine) '\(engineName)' is not an engine; use one of \(known)")
        }
        let image = engine.imageEnvironment

        // Custom command.
        var customCommand: [String]?
        if engine is CustomEngine {
            guard let value = label(BackupLabel.command) else {
                throw fail("\(BackupLabel.command) is not set; engine custom needs a dump command such as [\"pg_dump\",\"shop\"]")
            }
            do {
                customCommand = try CustomEngine.arguments(fromLabel: value)
            } catch {
                throw fail(error.message)
            }
        } else if label(BackupLabel.command) != nil {
            throw fail("\(BackupLabel.command) applies only to \(BackupLabel.engine)=custom; remove it or set the engine to custom")
        }

        // Backup name.
        let backupName = label(BackupLabel.name) ?? container.name
        guard Self.isSafeFileNamePrefix(backupName) else {
            let origin = label(BackupLabel.name) == nil ? "the container name (the default of \(BackupLabel.name))" : BackupLabel.name
            throw fail(
                "\(origin) '\(backupName)' is not a safe file name: use up to 100 of A-Z a-z 0-9 . _ -, not starting with '.'")
        }

        // All databases.
        var allDatabases = false
        if let raw = label(BackupLabel.allDatabases) {
            guard let value = Bool(settingText: raw) else {
                throw fail("\(BackupLabel.allDatabases) '\(raw)' is not a boolean; use true or false (yes/no, on/off and 1/0 work too)")
            }
            allDatabases = value
        }
        if allDatabases && image.databaseLabelRequired {
            throw fail("\(BackupLabel.allDatabases) does not apply to \(engine.identifier); set \(BackupLabel.database) instead")
        }

        // User: the label, else the superuser when its password is set, else the image's user.
        let imageUser = image.user.lazy.compactMap(env).first ?? image.defaultUser
        let rootPasswordSet = image.rootPassword.contains { env($0) != nil || env($0 + "_FILE") != nil }
        let user = label(BackupLabel.user) ?? (rootPasswordSet ? image.rootUser : nil) ?? imageUser

        // Database.
        var database = label(BackupLabel.database)
        if database == nil && image.databaseLabelRequired {
            throw fail("\(BackupLabel.database) is not set; for \(engine.identifier) set it to the database file's absolute path inside the container")
        }
        database = database ?? image.database.lazy.compactMap(env).first ?? (image.databaseDefaultsToUser ? user : nil)
        if allDatabases {
            database = nil
        } else if database == nil && image.databaseRequired {
            throw fail("no database to dump: set \(BackupLabel.database), or \(BackupLabel.allDatabases)=true")
        }

        // Password: the label, the label's file, else the image's variables for this user.
        var password: String?
        var passwordOrigin: String?
        if let value = label(BackupLabel.password) {
            password = value
            passwordOrigin = "the label \(BackupLabel.password)"
        } else if let path = label(BackupLabel.passwordFile) {
            password = try await Self.read(path, named: BackupLabel.passwordFile, readFile: readFile, fail: fail)
            if password == nil { throw fail("\(BackupLabel.passwordFile) '\(path)' is empty") }
            passwordOrigin = "the file \(path) (label \(BackupLabel.passwordFile))"
        } else {
            let variables = (image.rootUser != nil && user == image.rootUser) ? image.rootPassword : (user == imageUser ? image.password : [])
            for variable in variables where password == nil {
                if let value = env(variable) {
                    password = value
                    passwordOrigin = "\(variable) in the container's environment"
                } else if let path = env(variable + "_FILE") {
                    password = try await Self.read(path, named: variable + "_FILE", readFile: readFile, fail: fail)
                    passwordOrigin = "the file \(path) (\(variable)_FILE in the container's environment)"
                }
            }
        }

        // Schedules.
        let schedules: [BackupSchedule]
        switch BackupSchedule.schedules(fromLabels: container.labels) {
        case .success(let found): schedules = found
        case .failure(let error): throw fail("\(error.label): \(error.message)")
        }

        // Compression labels, checked against the default global setting (a level label beside a global `none`
        // is caught when the backup runs).
        do {
            _ = try CompressionSettings().compression(forLabels: container.labels)
        } catch {
            throw fail("\(error)")
        }

        // Retention labels (checked here so that `validate` and `list` report a typo before a prune meets it).
        for schedule in [nil] + schedules.map(\.name) {
            do {
                _ = try RetentionSettings(global: RetentionPolicy()).policy(forLabels: container.labels, schedule: schedule)
            } catch {
                throw fail("\(error)")
            }
        }

        var target = BackupTarget(
            containerID: container.id, containerName: container.name, engine: engine, database: database, user: user,
            password: password.map(Secret.init), allDatabases: allDatabases, backupName: backupName,
            customCommand: customCommand)
        target.passwordOrigin = passwordOrigin
        target.schedules = schedules
        target.labels = container.labels
        target.passwordOrigin = password == nil ? nil : passwordOrigin
        return target
    }

    /// Reads a password file inside the container, trailing newlines trimmed; nil when empty. A failure names
    /// the setting and the path, never the underlying error, which could echo content.
    private static func read(
        _ path: String, named setting: String, readFile: (String) async throws -> String, fail: (String) -> TargetError
    ) async throws(TargetError) -> String? {
        let content: String
        do {
            content = try await readFile(path)
        } catch {
            throw fail("cannot read \(setting) '\(path)' inside the container")
        }
        var trimmed = Substring(content)
        while let last = trimmed.last, last.isNewline { trimmed.removeLast() }
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// Whether `name` can start a backup file name: 1–100 of `[A-Za-z0-9._-]`, not starting with '.'.
    static func isSafeFileNamePrefix(_ name: String) -> Bool {
        guard (1...100).contains(name.utf8.count), !name.hasPrefix(".") else { return false }
        return name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
    }

}

/// A container that cannot be backed up as labelled. Holds no secret.
package struct TargetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The container's name.
    package var containerName: String
    /// What is wrong and which label to fix.
    package var message: String
    /// The container's `baktainer.name` label, if set: a name given on the command line finds the container
    /// by it even when its labels are invalid.
    package var backupName: String?

    /// Creates an error.
    package init(containerName: String, message: String, backupName: String? = nil) {
        self.containerName = containerName
        self.message = message
        self.backupName = backupName
    }

    /// `container 'NAME': MESSAGE`.
    package var description: String { "container '\(containerName)': \(message)" }
}
