import NIOCore

extension InMemoryBackupStorage: BackupCopySource {
    package func copySource(of key: BackupKey) async throws -> BackupCopy {
        guard let bytes = contents[key]?.bytes else {
            throw StorageError(.ioError, "cannot open \(location(of: key)): no such backup")
        }
        return try await makeCopy(of: key, size: bytes.count) { range in
            var pending = range.isEmpty ? [] : [ByteBuffer(bytes: bytes[range])]
            return ByteStream(next: { pending.popLast() })
        }
    }
}

extension InMemoryBackupStorage: BackupDestination {
    /// Reads the whole copy and stores it under its key with its sidecars; fails like a real destination when
    /// ``refusesCopies`` is set (tests), storing nothing.
    package func probe() async throws {
        if let refusal = refusesCopies { throw StorageError(.ioError, "destination \(name): \(refusal)") }
    }

    package func store(_ copy: BackupCopy) async throws {
        if let refusal = refusesCopies { throw StorageError(.ioError, "destination \(name): \(refusal)") }
        var bytes: [UInt8] = []
        for try await buffer in try await copy.read(0..<copy.size) { bytes.append(contentsOf: buffer.readableBytesView) }
        guard bytes.count == copy.size else {
            throw StorageError(.ioError, "destination \(name): \(copy.key) arrived with \(bytes.count) of \(copy.size) bytes")
        }
        guard contents[copy.key] == nil else { throw StorageError(.ioError, "destination \(name): \(copy.key) exists already") }
        contents[copy.key] = Stored(bytes: bytes, record: copy.record, checksum: copy.checksum)
    }
}
