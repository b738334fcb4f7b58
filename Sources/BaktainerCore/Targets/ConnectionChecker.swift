/// Checks that a target's server accepts its resolved credentials and holds its database, by running the
/// engine's ``ConnectionCheck`` inside the container (`validate`). Failures become one line naming the
/// container and what to fix; the password is never in a command's arguments nor in a message.
package struct ConnectionChecker: Sendable {
    /// How a check ended.
    package enum Outcome: Sendable, Equatable {
        /// The server accepted the credentials and the database exists.
        case connected
        /// The engine cannot check without dumping; the text says so.
        case unchecked(String)
        /// The check failed; the text names the container and what to fix.
        case failed(String)
    }

    private let runtime: any ContainerRuntime

    /// Creates a checker running its commands through `runtime`.
    package init(runtime: any ContainerRuntime) {
        self.runtime = runtime
    }

    /// Runs `target`'s connection check and explains a failure.
    package func check(_ target: BackupTarget) async -> Outcome {
        guard let check = target.engine.connectionCheck(for: target) else {
            return .unchecked("not checked: Baktainer cannot check a \(target.engine.identifier) connection without a backup")
        }
        let exit: ExecExit
        let output: String
        do {
            (exit, output) = try await runtime.runCollecting(check.command, in: target.containerID)
        } catch {
            return .failed("container '\(target.containerName)': cannot run the connection check: \(error)")
        }
        guard let failure = check.failure(exitCode: exit.exitCode, output: output) else { return .connected }
        return .failed("container '\(target.containerName)': \(Self.explanation(failure, target: target, exit: exit, output: output))")
    }

    /// What `failure` means for `target` and which label or variable to fix.
    static func explanation(_ failure: ConnectionCheck.Failure, target: BackupTarget, exit: ExecExit, output: String) -> String {
        let user = target.user.map { "user '\($0)'" } ?? "the default user"
        let database = target.database.map { "'\($0)'" } ?? "the default database"
        switch failure {
        case .credentials:
            if let origin = target.passwordOrigin {
                return "the server refused the password of \(user): check the password from \(origin)"
            }
            let image = target.engine.imageEnvironment
            let variables = (target.user != nil && target.user == image.rootUser) ? image.rootPassword : image.password
            let alternatives = [BackupLabel.password, BackupLabel.passwordFile] + variables.map { "\($0) in the container" }
            return "the server refused \(user) without a password: set \(alternatives.joined(separator: " or "))"
        case .unknownUser:
            return "the server has no \(user): set \(BackupLabel.user) to an existing user"
        case .missingDatabase:
            if !target.engine.hasDatabases {
                return "no database file at \(database): set \(BackupLabel.database) to the database file's absolute path inside the container"
            }
            return "the database \(database) does not exist: set \(BackupLabel.database) to an existing database (or create it)"
        case .databaseAccess:
            return "\(user) may not use the database \(database): grant it access, or set \(BackupLabel.user) to a user that has it"
        case .other:
            let text = output + "\n" + exit.stderrTail
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
            let detail = lines.last.map { ": \(target.redacting(toolOutput: String($0.prefix(300))))" } ?? ""
            return "the connection check (\(target.engine.identifier) client) failed with exit status \(exit.exitCode)\(detail)"
        }
    }
}
