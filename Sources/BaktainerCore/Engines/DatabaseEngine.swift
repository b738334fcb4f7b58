/// Builds the command that writes one logical dump to stdout inside the database container. Pure: runs
/// nothing. Secrets go into the command's environment, never into its arguments.
package protocol DatabaseEngine: Sendable {
    /// The `baktainer.db.engine` value, e.g. "postgres".
    var identifier: String { get }
    /// The backup file's extension, e.g. "sql" or "rdb".
    var fileExtension: String { get }
    /// The dump command for `target`; throws an ``EngineError`` when a required setting is missing.
    func dumpCommand(for target: BackupTarget) throws(EngineError) -> ContainerCommand
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
    func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ContainerCommand
    /// A command printing one line before a restore: `missing` when the database does not exist, else how many
    /// tables (or, for a whole-server target, non-system databases) it holds. nil: the engine cannot tell.
    func contentProbeCommand(for target: BackupTarget) -> ContainerCommand?
    /// A command creating `target`'s empty database (`restore --create`); nil when the restore creates it
    /// by itself (a MySQL dump's `CREATE DATABASE`, a SQLite file).
    func createDatabaseCommand(for target: BackupTarget) -> ContainerCommand?
    /// Whether the container must be restarted after ``restoreCommand(for:force:)`` succeeded (Redis loads
    /// its RDB file only at start).
    var restoreRestartsContainer: Bool { get }
    /// The transaction fed around the dump on the stdin of ``restoreCommand(for:force:)``, when the engine's
    /// restore of `target` can be all-or-nothing that way; nil when it cannot (the file is then checked whole
    /// before anything is fed).
    func restoreTransaction(for target: BackupTarget) -> RestoreTransaction?

    /// The variables the engine's official image is configured with, where credentials come from when the
    /// labels leave them out.
    var imageEnvironment: ImageEnvironment { get }
    /// A command printing one `schema.table<TAB>rows` line per table of `target` (``TableInventory``): what
    /// restore tests compare. nil: the engine cannot count (restore tests unsupported).
    func inventoryCommand(for target: BackupTarget) -> ContainerCommand?
    /// A command that exits 0 once the server answers over TCP (the official images' initialisation servers
    /// listen on the socket only); nil when the engine has none.
    var readinessProbe: ContainerCommand? { get }
    /// Whether a dump creates and selects its own database, so that it cannot be restored under another name
    /// (mysqldump `--databases`).
    var dumpSelectsItsDatabase: Bool { get }
    /// Whether the engine's targets name a database or a whole server (false for redis, sqlite: one file).
    var hasDatabases: Bool { get }
    /// Whether a dump of this engine can be restored into a container labelled with `other` (mysql and mariadb
    /// read each other's dumps).
    func canRestore(into other: any DatabaseEngine) -> Bool
    /// A cheap command that connects to `target`'s server the way a dump does, with its credentials (in the
    /// environment only), and checks that its database exists (`validate`). nil: the engine cannot check
    /// without dumping (mongodb, custom).
    func connectionCheck(for target: BackupTarget) -> ConnectionCheck?
    /// Phrases in the engine's tools' error output that mean the server refused the login (`Access denied for
    /// user`): a failure showing one gets advice on where the password comes from.
    var authenticationFailureMarkers: [String] { get }
    /// How to load a decoded dump by hand, reading stdin, as a shell command line with `CONTAINER`, `USER` and
    /// `DATABASE` to fill in (``ManualRestore``); nil when the engine has no such one-liner.
    var manualRestoreCommand: String? { get }
}

extension DatabaseEngine {
    /// Restore tests need a way to count rows and to know the server is up.
    package var supportsRestoreTest: Bool { readinessProbe != nil }
}

extension DatabaseEngine {
    /// Any start is accepted unless an engine knows its format's magic.
    package func acceptsHead(_ head: [UInt8]) -> Bool { true }

    /// No tables to count unless an engine reads its dumps.
    package func rowCounter(for target: BackupTarget) -> (any DumpRowCounter)? { nil }

    /// Engines without a restore procedure refuse.
    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ContainerCommand {
        throw EngineError("container '\(target.containerName)': Baktainer cannot restore \(identifier) backups; load the file with the tool that reads it")
    }

    /// Unknown unless an engine knows how to count.
    package func contentProbeCommand(for target: BackupTarget) -> ContainerCommand? { nil }

    /// The restore creates its database unless an engine says otherwise.
    package func createDatabaseCommand(for target: BackupTarget) -> ContainerCommand? { nil }

    /// Most engines load a restore while running.
    package var restoreRestartsContainer: Bool { false }

    /// No transaction around the dump unless an engine's tool takes one.
    package func restoreTransaction(for target: BackupTarget) -> RestoreTransaction? { nil }

    /// No image variables unless an engine knows them.
    package var imageEnvironment: ImageEnvironment { .none }

    /// No inventory unless an engine can count.
    package func inventoryCommand(for target: BackupTarget) -> ContainerCommand? { nil }

    /// No readiness probe unless an engine has one.
    package var readinessProbe: ContainerCommand? { nil }

    /// Dumps are loaded into whatever database the restore names unless an engine says otherwise.
    package var dumpSelectsItsDatabase: Bool { false }

    /// Most engines hold databases.
    package var hasDatabases: Bool { true }

    /// The same engine only, unless an engine says otherwise.
    package func canRestore(into other: any DatabaseEngine) -> Bool { other.identifier == identifier }

    /// No connection check unless an engine has one.
    package func connectionCheck(for target: BackupTarget) -> ConnectionCheck? { nil }
    /// No login failures recognised unless an engine knows its tools' words.
    package var authenticationFailureMarkers: [String] { [] }

    /// No manual one-liner unless an engine has one.
    package var manualRestoreCommand: String? { nil }
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
