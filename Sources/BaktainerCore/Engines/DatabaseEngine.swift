import DockerEngineAPI

/// Builds the command that writes one logical dump to stdout inside the database container. Pure: runs
/// nothing. Secrets go into the command's environment, never into its arguments.
package protocol DatabaseEngine: Sendable {
    /// The `baktainer.db.engine` value, e.g. "postgres".
    var identifier: String { get }
    /// The backup file's extension, e.g. "sql" or "rdb".
    var fileExtension: String { get }
    /// The dump command for `target`; throws an ``EngineError`` when a required setting is missing.
    func dumpCommand(for target: BackupTarget) throws(EngineError) -> ExecCommand
    /// Whether a finished dump whose last bytes are `tail` looks complete (e.g. pg_dump's trailer).
    func isComplete(dumpTail: [UInt8], size: Int) -> Bool
    /// Whether a dump may start with `head` (its first 16 bytes or fewer), e.g. a file format's magic.
    func acceptsHead(_ head: [UInt8]) -> Bool
}

extension DatabaseEngine {
    /// Any start is accepted unless an engine knows its format's magic.
    package func acceptsHead(_ head: [UInt8]) -> Bool { true }
}

/// A target that an engine cannot dump as configured; the message names the container and the label.
package struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and which label to fix.
    package var message: String

    /// Creates an error.
    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}

extension [UInt8] {
    /// Whether the bytes, read as text, contain `marker`.
    func containsText(_ marker: String) -> Bool {
        String(decoding: self, as: UTF8.self).contains(marker)
    }
}
