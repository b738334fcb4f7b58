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
    /// A counter of the rows per table in `target`'s dump as it streams, recorded for restore tests; nil when
    /// the engine's dumps have no tables to count.
    func rowCounter(for target: BackupTarget) -> (any DumpRowCounter)?

    /// The command that reads a dump of this engine from **stdin** and loads it into `target` (the destination
    /// container, its credentials and database; a nil database means a whole-server dump). Pure, like
    /// ``dumpCommand(for:)``: secrets go into the environment or a 0600 file, never into the arguments.
    /// `force` overrides the engine's own refusals (an open SQLite file, a running Redis). Throws when the
    /// engine cannot restore as asked; the message says what to do instead.
    func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ExecCommand
    /// A command printing one line before a restore: `missing` when the database does not exist, else how many
    /// tables (or, for a whole-server target, non-system databases) it holds. nil: the engine cannot tell.
    func contentProbeCommand(for target: BackupTarget) -> ExecCommand?
    /// A command creating `target`'s empty database (`restore --create`); nil when the restore creates it
    /// by itself (a MySQL dump's `CREATE DATABASE`, a SQLite file).
    func createDatabaseCommand(for target: BackupTarget) -> ExecCommand?
    /// Whether the container must be restarted after ``restoreCommand(for:force:)`` succeeded (Redis loads
    /// its RDB file only at start).
    var restoreRestartsContainer: Bool { get }
}

extension DatabaseEngine {
    /// Any start is accepted unless an engine knows its format's magic.
    package func acceptsHead(_ head: [UInt8]) -> Bool { true }

    /// No tables to count unless an engine reads its dumps.
    package func rowCounter(for target: BackupTarget) -> (any DumpRowCounter)? { nil }

    /// Engines without a restore procedure refuse.
    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ExecCommand {
        throw EngineError("container '\(target.containerName)': Baktainer cannot restore \(identifier) backups; load the file with the tool that reads it")
    }

    /// Unknown unless an engine knows how to count.
    package func contentProbeCommand(for target: BackupTarget) -> ExecCommand? { nil }

    /// The restore creates its database unless an engine says otherwise.
    package func createDatabaseCommand(for target: BackupTarget) -> ExecCommand? { nil }

    /// Most engines load a restore while running.
    package var restoreRestartsContainer: Bool { false }
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
