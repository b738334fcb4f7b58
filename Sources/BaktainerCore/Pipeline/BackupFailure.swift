/// Why a backup produced no file; the message names the container and, where there is one, the setting to
/// fix. Holds no secret: only a tool's stderr could, and it is redacted before it goes in.
package struct BackupFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bounded failure kind; also a metric label.
    package enum Code: String, Sendable, Equatable {
        case invalidTarget = "invalid_target"
        case dumpFailed = "dump_failed"
        case incompleteDump = "incomplete_dump"
        case containerGone = "container_gone"
        case storage = "storage"
        case pipeline = "pipeline"
        /// The container runtime did not answer (transient).
        case docker = "docker"
        /// The container runtime refused the request (permissions, TLS, a bad request): retrying will not help.
        case refused = "refused"
        case cancelled = "cancelled"
        /// An error of no known kind: reported, never retried.
        case `internal` = "internal"
    }

    /// Whether trying again later may succeed (a Docker hiccup, a restarting container) — as opposed to a
    /// failure that will repeat until someone changes something (credentials, a missing tool, a full disk).
    package var isTransient: Bool {
        code == .docker || code == .containerGone
    }

    /// The container's name.
    package var container: String
    /// What kind of failure.
    package var code: Code
    /// What happened and what to do.
    package var message: String
    /// The last lines the dump tool wrote to stderr (secrets masked), when it ran; for notifications.
    package var stderrTail: String?

    /// Creates a failure.
    package init(container: String, code: Code, message: String) {
        self.container = container
        self.code = code
        self.message = message
    }

    package var description: String { "container '\(container)': \(message)" }
}
