/// A committed backup handed to a ``BackupDestination`` to be copied there: its key, exact size, both sidecars as
/// stored locally and a way to read any byte range of it (parts of a multipart upload are read independently,
/// and again on a retry).
package struct BackupCopy: Sendable {
    /// The key, the same in every destination.
    package var key: BackupKey
    /// The exact size of the stored backup in bytes.
    package var size: Int
    /// The SHA-256 of the stored bytes (hex), as in the record.
    package var sha256: String
    /// The checksum sidecar's text (`sha256sum -c` format).
    package var checksum: String
    /// The JSON record's bytes.
    package var record: [UInt8]
    /// Streams bytes `range` of the backup.
    package var read: @Sendable (Range<Int>) async throws -> ByteStream

    /// Creates a copy description.
    package init(
        key: BackupKey, size: Int, sha256: String, checksum: String, record: [UInt8], read: @escaping @Sendable (Range<Int>) async throws -> ByteStream
    ) {
        self.key = key
        self.size = size
        self.sha256 = sha256
        self.checksum = checksum
        self.record = record
        self.read = read
    }
}
