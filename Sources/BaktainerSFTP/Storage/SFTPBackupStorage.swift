import BaktainerCore
import NIOCore

/// A directory on an SSH server as a ``BackupDestination``: the same layout as the backup directory
/// (`<path>/YYYY-MM-DD/<file>`, `<file>.sha256`, `<file>.json`). Its catalog is what the server lists, never a local
/// state file; a backup is listed only when its file and its record are both there.
///
/// A copy is written under a hidden temporary name (`.<file>.partial`), flushed, checked for its size and renamed;
/// then the checksum sidecar, read back; the record goes last. Each operation has its own SSH connection, whose
/// host key is checked every time.
package struct SFTPBackupStorage: BackupDestination {
    private let settings: SFTPSettings
    private let connect: @Sendable () async throws -> SFTPClient

    /// A destination on the server of `settings`; `connect` opens a session (tests may point it elsewhere).
    package init(settings: SFTPSettings, connect: (@Sendable () async throws -> SFTPClient)? = nil) {
        self.settings = settings
        self.connect = connect ?? { try await SFTPClient.connect(settings) }
    }

    package var name: String { settings.name }

    package func location(of key: BackupKey) -> String {
        settings.displayName + (settings.path.hasSuffix("/") ? "" : "/") + key.rawValue
    }

    /// The directory backups go under, without a trailing slash (`.`: the login directory).
    private var root: String {
        var path = settings.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "." : path
    }

    private func path(_ relative: String) -> String { root == "/" ? "/" + relative : root + "/" + relative }

    package func list() async throws -> BackupCatalog {
        try await session("list the backups") { client in
            guard let days = try await client.listDirectory(root) else { throw missingRoot() }
            var catalog = BackupCatalog(entries: [])
            for day in days.filter({ $0.attributes.isDirectory }).map(\.name).sorted() {
                guard let files = try await client.listDirectory(path(day)) else { continue }
                let names = Set(files.map(\.name))
                for file in names.sorted() {
                    let key = BackupKey("\(day)/\(file)")
                    guard key.isBackupFile, names.contains(file + ".json") else { continue }
                    let record = try await client.readFile(path(key.rawValue + ".json"))
                    switch BackupCatalog.decodeRecord(record, for: key, at: location(of: key) + ".json") {
                    case .success(let record): catalog.entries.append(CatalogEntry(key: key, location: location(of: key), record: record))
                    case .failure(let warning): catalog.warnings.append(warning)
                    }
                }
            }
            return catalog
        }
    }

    package func sidecars(of key: BackupKey) async throws -> BackupSidecars {
        try await session("read the sidecars of \(key)") { client in
            let exists = try await client.stat(path(key.rawValue)) != nil
            let record = try await client.readFile(path(key.rawValue + ".json"))
            let checksum = try await client.readFile(path(key.rawValue + ".sha256")).map { String(decoding: $0, as: UTF8.self) }
            return BackupSidecars(exists: exists, record: record, checksum: checksum)
        }
    }

    package func open(_ key: BackupKey) async throws -> ByteStream {
        let client: SFTPClient
        let stream: ByteStream
        do {
            client = try await connect()
        } catch {
            throw failure("read \(key)", error)
        }
        do {
            stream = try await client.download(path(key.rawValue))
        } catch {
            await client.close()
            throw failure("read \(key)", error)
        }
        var iterator = stream.makeAsyncIterator()
        var open = true
        let failure = self.failure
        return ByteStream(next: {
            guard open else { return nil }
            do {
                if let buffer = try await iterator.next() { return buffer }
                open = false
                await client.close()
                return nil
            } catch {
                open = false
                await client.close()
                throw failure("read \(key)", error)
            }
        })
    }

    package func delete(_ key: BackupKey) async throws {
        guard key.isBackupFile, let day = key.day else {
            throw StorageError(.ioError, "\(location(of: key)) is not a Baktainer backup (YYYY-MM-DD/<backup file name>), left alone")
        }
        try await session("delete \(key)") { client in
            for file in [key.rawValue, key.rawValue + ".sha256", key.rawValue + ".json"] { try await client.remove(path(file)) }
            await client.removeDirectoryIfEmpty(path(day))
        }
    }

    package func probe() async throws {
        try await session("write to \(root)") { client in
            guard let attributes = try await client.stat(root), attributes.isDirectory else { throw missingRoot() }
            let probe = path(".baktainer-probe")
            try await client.writeFile(Array("baktainer validate\n".utf8), to: probe)
            try await client.remove(probe)
        }
    }

    package func store(_ copy: BackupCopy) async throws {
        guard let day = copy.key.day else { throw StorageError(.ioError, "\(copy.key) has no day folder") }
        try await session("copy \(copy.key) there (the local backup is kept)") { client in
            let target = path(copy.key.rawValue)
            let partial = path("\(day)/.\(copy.key.fileName).partial")
            do {
                try await client.makeDirectory(path(day))
                let handle = try await client.open(partial, [.write, .create, .truncate], permissions: 0o600)
                do {
                    let written = try await client.write(try await copy.read(0..<copy.size), to: handle, path: partial)
                    guard written == copy.size else {
                        throw StorageError(.ioError, "\(written) of \(copy.size) bytes read from the local backup (changed while copying?)")
                    }
                    try await client.sync(handle, path: partial)
                    try await client.close(handle)
                } catch {
                    try? await client.close(handle)
                    throw error
                }
                // Check what is stored before it gets its name and, last, its record.
                let stored = try await client.stat(partial)?.size
                guard stored == UInt64(copy.size) else {
                    throw StorageError(.ioError, "\(partial) holds \(stored.map(String.init) ?? "no") bytes, the local backup \(copy.size)")
                }
                try await client.rename(partial, to: target)
                try await place(Array(copy.checksum.utf8), at: target + ".sha256", client: client)
                guard try await client.readFile(target + ".sha256") == Array(copy.checksum.utf8) else {
                    throw StorageError(.ioError, "the checksum sidecar of \(location(of: copy.key)) does not read back as written")
                }
                try await place(copy.record, at: target + ".json", client: client)
            } catch {
                for file in [partial, target, target + ".sha256", target + ".json", target + ".sha256.partial", target + ".json.partial"] {
                    _ = try? await client.remove(file)
                }
                throw error
            }
        }
    }

    /// Writes a sidecar under a temporary name, then renames it into place.
    private func place(_ bytes: [UInt8], at target: String, client: SFTPClient) async throws {
        let partial = target + ".partial"
        try await client.writeFile(bytes, to: partial)
        try await client.rename(partial, to: target)
    }

    // MARK: Sessions and errors

    /// Runs `body` on a new session, closed afterwards; a failure becomes a ``StorageError`` naming the destination.
    private func session<T>(_ action: String, _ body: (SFTPClient) async throws -> T) async throws -> T {
        let client: SFTPClient
        do {
            client = try await connect()
        } catch {
            throw failure(action, error)
        }
        do {
            let result = try await body(client)
            await client.close()
            return result
        } catch {
            await client.close()
            throw failure(action, error)
        }
    }

    private func missingRoot() -> SFTPError {
        SFTPError(.noSuchFile, "the directory \(root) does not exist on \(settings.host): create it, or fix BT_SFTP_PATH")
    }

    private func failure(_ action: String, _ error: any Error) -> StorageError {
        if let error = error as? StorageError, error.message.hasPrefix("destination ") { return error }
        let cause = (error as? StorageError)?.message ?? "\(error)"
        let code: StorageError.Code =
            switch (error as? SFTPError)?.code {
            case .permissionDenied?: .permissionDenied
            default: (error as? StorageError)?.code ?? .ioError
            }
        return StorageError(code, "destination \(name) (\(settings.displayName)): cannot \(action): \(cause)")
    }
}
