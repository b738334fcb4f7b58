/// A process to run inside a container: its argv, environment, user and working directory.
///
/// Secrets belong in `environment`, never in `arguments`: anyone who can list processes in the container
/// can read an argv, while a process's environment is readable only by its user and root.
package struct ContainerCommand: Sendable, Equatable {
    /// The program and its arguments, passed to the container without a shell.
    package var arguments: [String]
    /// Extra environment variables for the process.
    package var environment: [String: String]
    /// The user to run as (`name`, `uid` or `uid:gid`); nil uses the container's default.
    package var user: String?
    /// The working directory; nil uses the container's default.
    package var workingDirectory: String?
    /// Whether the caller will write to the process's stdin (see ``ExecHandle/stdin``).
    package var attachStdin: Bool

    /// Creates a command.
    package init(
        _ arguments: [String], environment: [String: String] = [:], user: String? = nil, workingDirectory: String? = nil,
        attachStdin: Bool = false
    ) {
        self.arguments = arguments
        self.environment = environment
        self.user = user
        self.workingDirectory = workingDirectory
        self.attachStdin = attachStdin
    }

    /// The program's name, for messages. A fixed script (`sh -c SCRIPT baktainer-ENGINE-STEP …`) is named by
    /// what it runs, `ENGINE STEP` (`mariadb dump`), never `sh`.
    package var program: String {
        if arguments.count > 3, arguments[0] == "sh", arguments[1] == "-c", arguments[3].hasPrefix("baktainer-") {
            return arguments[3].dropFirst("baktainer-".count).split(separator: "-").joined(separator: " ")
        }
        return arguments.first ?? "the command"
    }
}
