/// A storage whose committed backups can be copied to a ``BackupDestination``: the local backup directory (and
/// the in-memory storage of tests).
package protocol BackupCopySource: BackupStorage {
    /// The committed backup `key` as a ``BackupCopy``; throws a ``StorageError`` when it or a sidecar is missing.
    func copySource(of key: BackupKey) async throws -> BackupCopy
}

extension BackupCopySource {
    /// The copy of `key` from its size and sidecars, reading ranges with `read`.
    func makeCopy(of key: BackupKey, size: Int, read: @escaping @Sendable (Range<Int>) async throws -> ByteStream) async throws -> BackupCopy {
        let sidecars = try await sidecars(of: key)
        guard sidecars.exists, let record = sidecars.record, let checksum = sidecars.checksum else {
            throw StorageError(.ioError, "\(location(of: key)) or one of its sidecars (.sha256, .json) is missing: nothing to copy")
        }
        guard case .success(let decoded) = BackupCatalog.decodeRecord(record, for: key, at: location(of: key) + ".json") else {
            throw StorageError(.ioError, "the record of \(location(of: key)) cannot be read: nothing to copy")
        }
        return BackupCopy(key: key, size: size, sha256: decoded.sha256, checksum: checksum, record: record, read: read)
    }
}
