import NIOCore

/// Where backups are kept: the local directory (first stage) and the destinations off the host. Orchestrators (the backup
/// run, retention, verify, restore, restore tests, `list --backups`) reach backups only through this protocol.
///
/// A backup is a file plus two sidecars: its `sha256sum -c` line and its JSON ``BackupRecord``. A storage makes
/// all three visible together or not at all, and lists only backups whose record is there.
package protocol BackupStorage: Sendable {
    /// The destination's name, e.g. `local`.
    var name: String { get }

    /// Where `key` is, for people: a path, a URL.
    func location(of key: BackupKey) -> String

    /// Every backup stored (with its record), and what was left out and why.
    func list() async throws -> BackupCatalog

    /// The sidecars of `key` as stored, for verification.
    func sidecars(of key: BackupKey) async throws -> BackupSidecars

    /// The stored bytes of `key`, streamed. Throws a ``StorageError`` when it cannot be read.
    func open(_ key: BackupKey) async throws -> ByteStream

    /// Deletes the backup and its sidecars (a missing one is not an error).
    func delete(_ key: BackupKey) async throws
}

/// A storage a dump is written into directly, as it streams: the local backup directory (the first stage of every
/// backup) and the in-memory storage of tests. Destinations off the host receive copies (``BackupDestination``).
package protocol WritableBackupStorage: BackupStorage {
    /// Starts a new backup at `key`: nothing is visible until ``BackupWriter/commit(_:)``. When `key` is taken
    /// (another backup of the same name in the same second) the storage picks the next free
    /// ``BackupKey/sequenced(_:)`` key; the writer's ``BackupWriter/key`` is the one used. Throws a
    /// ``StorageError`` when the destination cannot take it (missing, read-only, full).
    func makeWriter(for key: BackupKey) async throws -> any BackupWriter
}

/// Writes one backup; used by one task at a time.
package protocol BackupWriter: AnyObject {
    /// The key the backup is written under (the record's `file`): the one asked for, or the free one picked.
    var key: BackupKey { get }
    /// Appends `buffer`, waiting for the destination (a slow disk slows the producer).
    func write(_ buffer: ByteBuffer) async throws
    /// Makes the backup durable and visible with its checksum sidecar (``BackupRecord/sha256``) and its record,
    /// all at once; on failure nothing of it is left.
    func commit(_ record: BackupRecord) async throws
    /// Drops everything written (failure, cancellation). Never throws.
    func discard() async
}

/// What is stored beside a backup.
package struct BackupSidecars: Sendable, Equatable {
    /// Whether the backup itself exists.
    package var exists: Bool
    /// The JSON record's bytes, if present.
    package var record: [UInt8]?
    /// The checksum sidecar's text, if present.
    package var checksum: String?

    /// Creates a description.
    package init(exists: Bool, record: [UInt8]?, checksum: String?) {
        self.exists = exists
        self.record = record
        self.checksum = checksum
    }
}
