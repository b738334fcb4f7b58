/// Why a restore did not happen or did not finish; the message names the container and file and says what to
/// do. Holds no secret: only a tool's stderr could, and it is redacted before it goes in.
package struct RestoreFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bounded failure kind.
    package enum Code: String, Sendable, Equatable {
        /// The file failed verification; nothing was written.
        case verification
        /// The destination cannot take this backup as asked (wrong engine, missing database, missing
        /// credentials); nothing was written.
        case invalidTarget = "invalid_target"
        /// The destination already holds data and `--yes` was not given, or the engine refused; nothing was
        /// written.
        case refused
        /// The restore tool exited non-zero.
        case toolFailed = "tool_failed"
        /// Docker failed (container gone, daemon not answering).
        case docker
        /// Reading the backup file failed during the restore.
        case storage
        /// The restore was cancelled.
        case cancelled
    }

    /// The destination container, when known.
    package var container: String
    /// The backup file.
    package var file: String
    /// What kind of failure.
    package var code: Code
    /// What happened and what to do.
    package var message: String

    /// Creates a failure.
    package init(container: String, file: String, code: Code, message: String) {
        self.container = container
        self.file = file
        self.code = code
        self.message = message
    }

    /// Whether anything may have been written into the database.
    package var mayHaveWritten: Bool {
        [.toolFailed, .docker, .storage, .cancelled].contains(code)
    }

    package var description: String { message }
}
