#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import Synchronization

/// A ``BackupStorage`` in memory, for tests and dry runs: the same contract as the local directory (a backup
/// appears with its sidecars at commit, never half; a key is never replaced, and a taken key gives the next
/// free ``BackupKey/sequenced(_:)`` one), nothing on disk.
package final class InMemoryBackupStorage: WritableBackupStorage {
    /// One stored backup.
    package struct Stored: Sendable, Equatable {
        /// The bytes as stored.
        package var bytes: [UInt8]
        /// The record's JSON.
        package var record: [UInt8]?
        /// The checksum sidecar.
        package var checksum: String?
    }

    package let name: String
    private let state = Mutex<[BackupKey: Stored]>([:])
    /// Keys handed to writers that have not committed or discarded yet.
    private let reserved = Mutex<Set<BackupKey>>([])
    /// Bytes per buffer handed out by ``open(_:)``.
    private let chunkSize: Int
    private let refusal = Mutex<String?>(nil)

    /// When set, ``store(_:)`` (a copy to this storage as a destination) fails with this reason (tests).
    package var refusesCopies: String? {
        get { refusal.withLock { $0 } }
        set { refusal.withLock { $0 = newValue } }
    }

    /// An empty storage called `name`.
    package init(name: String = "memory", chunkSize: Int = 64 * 1024) {
        self.name = name
        self.chunkSize = chunkSize
    }

    /// What is stored, by key (tests inspect and damage it).
    package var contents: [BackupKey: Stored] {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    package func location(of key: BackupKey) -> String { "\(name):\(key.rawValue)" }

    package func makeWriter(for key: BackupKey) async throws -> any BackupWriter {
        for sequence in 1...1000 {
            guard let candidate = sequence == 1 ? key : key.sequenced(sequence) else { break }
            let isFree = reserved.withLock { reserved in
                guard state.withLock({ $0[candidate] == nil }), !reserved.contains(candidate) else { return false }
                reserved.insert(candidate)
                return true
            }
            if isFree { return Writer(key: candidate, storage: self) }
        }
        throw StorageError(.ioError, "\(location(of: key)) exists already and no free name was found; a backup is never replaced")
    }

    package func list() async throws -> BackupCatalog {
        var catalog = BackupCatalog(entries: [])
        for (key, stored) in state.withLock({ $0 }).sorted(by: { $0.key < $1.key }) where stored.record != nil {
            switch BackupCatalog.decodeRecord(stored.record, for: key, at: location(of: key)) {
            case .success(let record): catalog.entries.append(CatalogEntry(key: key, location: location(of: key), record: record))
            case .failure(let warning): catalog.warnings.append(warning)
            }
        }
        return catalog
    }

    package func sidecars(of key: BackupKey) async throws -> BackupSidecars {
        let stored = state.withLock { $0[key] }
        return BackupSidecars(exists: stored != nil, record: stored?.record, checksum: stored?.checksum)
    }

    package func open(_ key: BackupKey) async throws -> ByteStream {
        guard let bytes = state.withLock({ $0[key]?.bytes }) else {
            throw StorageError(.ioError, "cannot open \(location(of: key)): no such backup")
        }
        final class Cursor { var offset = 0 }
        let cursor = Cursor()
        let chunkSize = self.chunkSize
        return ByteStream(next: {
            guard cursor.offset < bytes.count else { return nil }
            let end = min(bytes.count, cursor.offset + chunkSize)
            defer { cursor.offset = end }
            return ByteBuffer(bytes: bytes[cursor.offset..<end])
        })
    }

    package func delete(_ key: BackupKey) async throws {
        _ = state.withLock { $0.removeValue(forKey: key) }
    }

    fileprivate func commit(_ key: BackupKey, _ stored: Stored) throws {
        defer { release(key) }
        try state.withLock { contents in
            guard contents[key] == nil else { throw StorageError(.ioError, "\(location(of: key)) exists already; a backup is never replaced") }
            contents[key] = stored
        }
    }

    fileprivate func release(_ key: BackupKey) {
        _ = reserved.withLock { $0.remove(key) }
    }

    private final class Writer: BackupWriter {
        let key: BackupKey
        let storage: InMemoryBackupStorage
        var bytes: [UInt8] = []

        init(key: BackupKey, storage: InMemoryBackupStorage) {
            self.key = key
            self.storage = storage
        }

        func write(_ buffer: ByteBuffer) async throws {
            bytes.append(contentsOf: buffer.readableBytesView)
        }

        func commit(_ record: BackupRecord) async throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try storage.commit(
                key, Stored(bytes: bytes, record: [UInt8](try encoder.encode(record)), checksum: "\(record.sha256)  \(key.fileName)\n"))
        }

        func discard() async {
            bytes = []
            storage.release(key)
        }
    }
}
