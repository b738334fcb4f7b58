/// A failed restore test: the target, the backup file when one was found, and the reason.
package struct RestoreTestFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The backup name (stream) tested.
    package var target: String
    /// The backup file, if there was one.
    package var file: String?
    /// What went wrong and what to do.
    package var message: String
    /// Whether the engine has no restore test (redis, sqlite, mongodb, custom): nothing failed, nothing was
    /// tested; `baktainer verify` checks such backups.
    package var isUnsupported: Bool

    /// Creates a failure.
    package init(target: String, file: String?, message: String, isUnsupported: Bool = false) {
        self.target = target
        self.file = file
        self.message = message
        self.isUnsupported = isUnsupported
    }

    package var description: String { "restore test of '\(target)'\(file.map { " (\($0))" } ?? ""): \(message)" }
}
