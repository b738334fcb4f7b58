#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// The backup directory (`BT_BACKUP_DIR`), the destination `local`: `<root>/YYYY-MM-DD/<name>-<unix seconds>.<ext>`
/// (directories 0700, files 0600) with `<file>.sha256` (`sha256sum -c` format) and `<file>.json` beside it. A
/// second backup of the same name in the same second (another run, or another container with the same
/// `baktainer.name`) is written as `<name>-<unix seconds>_2.<ext>`, then `_3`, …: a key is never shared.
///
/// Owns the layout, the atomic writer, the free-space guard, the catalog scan and deletion. A backup appears
/// all at once: the data and both sidecars are written to `.partial` names and fsynced, then published under
/// their final names — the record last, since a backup without its record is not listed — and the directory is
/// fsynced. Publishing never replaces a file (``AtomicFileWriter``). Partial files of runs that died are removed
/// by ``removeStalePartialFiles()``; one a live writer holds is never touched.
package struct LocalBackupStorage: WritableBackupStorage {
    package let name = "local"
    /// The backup directory, without a trailing slash.
    package let root: String
    private let minimumFreeSpace: FreeSpaceGuard?
    private let createsParents: Bool
    /// The most backups of one name in one second (`_2` … `_<n>`) before the storage gives up.
    private static let maximumSequence = 1000

    /// A storage under `root`; `minimumFreeSpace` (`BT_MIN_FREE_SPACE`) refuses new backups below it. A missing
    /// `root` is created when its parent exists, with every missing parent only when `createsParents`
    /// (`BT_BACKUP_DIR_CREATE_PARENTS`).
    package init(root: String, minimumFreeSpace: FreeSpaceGuard? = nil, createsParents: Bool = false) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.minimumFreeSpace = minimumFreeSpace
        self.createsParents = createsParents
    }

    /// The storage and key of a backup file given by path (`verify FILE`, `restore FILE`): the key is
    /// `YYYY-MM-DD/<file>` under the day folder's parent, or the bare file name under its own folder.
    package static func locate(_ path: String, minimumFreeSpace: FreeSpaceGuard? = nil) -> (LocalBackupStorage, BackupKey) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let file = parts.removeLast()
        let absolute = path.hasPrefix("/")
        if let day = parts.last, BackupFileName.isDateDirectoryName(day) {
            parts.removeLast()
            let root = parts.joined(separator: "/")
            return (LocalBackupStorage(root: root.isEmpty ? (absolute ? "/" : ".") : root), BackupKey("\(day)/\(file)"))
        }
        let root = parts.joined(separator: "/")
        return (LocalBackupStorage(root: root.isEmpty ? (absolute ? "/" : ".") : root), BackupKey(file))
    }

    package func location(of key: BackupKey) -> String {
        root == "/" ? "/\(key.rawValue)" : "\(root)/\(key.rawValue)"
    }

    /// Starts a backup at `key`, or at the first free ``BackupKey/sequenced(_:)`` key after it when `key` (or one of
    /// its sidecars, or a partial file of them) is taken; the writer's ``BackupWriter/key`` says which.
    package func makeWriter(for key: BackupKey) async throws -> any BackupWriter {
        try createRoot()
        let directory = location(of: key).split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        try minimumFreeSpace?.check(directory: root)
        var sequence = 1
        var attempts = 0
        while sequence <= Self.maximumSequence {
            guard let candidate = sequence == 1 ? key : key.sequenced(sequence) else { break }
            try Self.createFolder(directory)
            let path = location(of: candidate)
            let writer: AtomicFileWriter?
            do {
                writer = try await AtomicFileWriter.claim(path: path)
            } catch {
                // A day folder emptied by a failed backup or by retention may vanish in between: make it again, twice at most.
                attempts += 1
                if attempts < 3, access(directory, F_OK) != 0 { continue }
                rmdir(directory)  // only if this left it empty
                throw error
            }
            if let writer {
                let sidecars = [".sha256", ".json", ".sha256.partial", ".json.partial"].map { path + $0 }
                var existing = stat()
                if !sidecars.contains(where: { lstat($0, &existing) == 0 }) {
                    return LocalBackupWriter(key: candidate, data: writer, directory: directory)
                }
                await writer.discard()
            }
            sequence += 1
        }
        rmdir(directory)
        throw StorageError(.ioError, "cannot find a free name for \(location(of: key)) (tried up to _\(Self.maximumSequence)): remove stray files there")
    }

    /// Creates the backup directory if it is missing: only its last component, unless `createsParents`.
    private func createRoot() throws {
        var existing = stat()
        guard stat(root, &existing) != 0 else { return }
        let parent = root.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let hasParent = parent.isEmpty || stat(parent, &existing) == 0
        guard createsParents || hasParent else {
            throw StorageError(
                .ioError,
                "the backup directory \(root) (\(EnvironmentKey.backupDirectory)) does not exist, nor does its parent \(parent): "
                    + "create it or mount a volume there, fix \(EnvironmentKey.backupDirectory), or set \(EnvironmentKey.backupDirectoryCreateParents)=true "
                    + "to create every missing folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StorageError(.permissionDenied, "cannot create backup directory \(root): check \(EnvironmentKey.backupDirectory) and its permissions")
        }
    }

    /// Creates the folder `path` (0700) unless it exists.
    private static func createFolder(_ path: String) throws {
        guard mkdir(path, 0o700) != 0, errno != EEXIST else { return }
        throw StorageError(
            .permissionDenied,
            "cannot create backup directory \(path): check \(EnvironmentKey.backupDirectory) and its permissions (\(String(cString: strerror(errno))))")
    }

    /// Removes the partial files (`YYYY-MM-DD/*.partial`) of runs that died (killed, crashed) and the day folders
    /// that leaves empty; a partial file a live writer holds (``AtomicFileWriter``) is left alone. Returns the
    /// paths removed. Run when `backup` and `run` start.
    package func removeStalePartialFiles() -> [String] {
        var removed: [String] = []
        for day in (try? FileManager.default.contentsOfDirectory(atPath: root))?.filter(BackupFileName.isDateDirectoryName).sorted() ?? [] {
            let directory = "\(root)/\(day)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where name.hasSuffix(".partial") && AtomicFileWriter.removeStalePartialFile(at: "\(directory)/\(name)") {
                removed.append("\(directory)/\(name)")
            }
            if names.allSatisfy({ removed.contains("\(directory)/\($0)") }) { rmdir(directory) }
        }
        return removed
    }

    package func list() async throws -> BackupCatalog {
        let files = FileManager.default
        var info = stat()
        if stat(root, &info) != 0 && (errno == ENOENT || errno == ENOTDIR) {
            throw StorageError(
                .ioError,
                "the backup directory \(root) does not exist: set BT_BACKUP_DIR to the directory that holds the backups (a first backup creates it)")
        }
        guard info.st_mode & S_IFMT == S_IFDIR || info.st_mode == 0 else {
            throw StorageError(.ioError, "the backup directory \(root) is not a directory: set BT_BACKUP_DIR to the directory that holds the backups")
        }
        let days: [String]
        do {
            days = try files.contentsOfDirectory(atPath: root).filter(BackupFileName.isDateDirectoryName).sorted()
        } catch {
            throw StorageError(.ioError, "cannot list the backup directory \(root): check BT_BACKUP_DIR and its permissions (\(error))")
        }
        var catalog = BackupCatalog(entries: [])
        for day in days {
            let directory = "\(root)/\(day)"
            guard Self.fileType(directory) == .typeDirectory else { continue }
            let names: [String]
            do {
                names = try files.contentsOfDirectory(atPath: directory).sorted()
            } catch {
                catalog.warnings.append(
                    CatalogWarning(path: directory, message: "cannot list this directory, its backups are left alone: check its permissions"))
                continue
            }
            let present = Set(names)
            for name in names where name.hasSuffix(".partial") && !AtomicFileWriter.isHeld("\(directory)/\(name)") {
                catalog.staleFiles.append(
                    CatalogWarning(
                        path: "\(directory)/\(name)",
                        message: "unfinished file of an interrupted backup, not a backup: "
                            + "removed when `baktainer backup` or `baktainer run` next starts, or delete it"))
            }
            for name in names where BackupFileName(name) != nil && present.contains(name + ".json") {
                let key = BackupKey("\(day)/\(name)")
                let path = location(of: key)
                guard Self.fileType(path) == .typeRegular else { continue }
                switch BackupCatalog.decodeRecord(FileManager.default.contents(atPath: path + ".json").map { [UInt8]($0) }, for: key, at: path + ".json") {
                case .success(let record): catalog.entries.append(CatalogEntry(key: key, location: path, record: record))
                case .failure(let warning): catalog.warnings.append(warning)
                }
            }
        }
        return catalog
    }

    package func sidecars(of key: BackupKey) async throws -> BackupSidecars {
        let path = location(of: key)
        let type = Self.fileType(path)
        return BackupSidecars(
            exists: type == .typeRegular || type == .typeSymbolicLink,
            record: FileManager.default.contents(atPath: path + ".json").map { [UInt8]($0) },
            checksum: FileManager.default.contents(atPath: path + ".sha256").map { String(decoding: $0, as: UTF8.self) })
    }

    package func open(_ key: BackupKey) async throws -> ByteStream {
        let reader = try await StreamingFileReader(path: location(of: key))
        return ByteStream(next: { try await reader.next() })
    }

    /// Deletes the file and its sidecars, then its day folder if that left it empty. Refuses a key that is not
    /// `YYYY-MM-DD/<backup file name>`, so nothing else under the root is ever touched.
    package func delete(_ key: BackupKey) async throws {
        guard key.isBackupFile, let day = key.day else {
            throw StorageError(.ioError, "\(location(of: key)) is not a backup file under \(root)/YYYY-MM-DD/, left alone")
        }
        let path = location(of: key)
        if let error = Self.unlink(path) { throw error }
        if let error = [".sha256", ".json"].compactMap({ Self.unlink(path + $0) }).first { throw error }
        let directory = "\(root)/\(day)"
        if rmdir(directory) != 0 && errno != ENOTEMPTY && errno != EEXIST && errno != ENOENT {
            throw StorageError.posix(errno, "remove the empty directory", path: directory)
        }
    }

    /// Removes the file at `path`; a missing file is not an error.
    private static func unlink(_ path: String) -> StorageError? {
        guard Glibc.unlink(path) != 0, errno != ENOENT else { return nil }
        return StorageError.posix(errno, "delete", path: path)
    }

    /// The type of the item at `path` itself (a symbolic link is not followed); nil when it cannot be read.
    private static func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }
}

/// One backup being written into the backup directory.
final class LocalBackupWriter: BackupWriter {
    let key: BackupKey
    private let data: AtomicFileWriter
    private let directory: String
    private var sidecars: [AtomicFileWriter] = []

    init(key: BackupKey, data: AtomicFileWriter, directory: String) {
        self.key = key
        self.data = data
        self.directory = directory
    }

    func write(_ buffer: ByteBuffer) async throws {
        try await data.write(buffer)
    }

    func commit(_ record: BackupRecord) async throws {
        var published: [String] = []
        do {
            try await data.flush()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let sum = try await AtomicFileWriter(path: data.path + ".sha256")
            sidecars.append(sum)
            try await sum.write(ByteBuffer(string: "\(record.sha256)  \(CatalogEntry.lastComponent(of: data.path))\n"))
            try await sum.flush()
            let json = try await AtomicFileWriter(path: data.path + ".json")
            sidecars.append(json)
            try await json.write(ByteBuffer(bytes: try encoder.encode(record)))
            try await json.flush()
            // The record last: a backup is listed only once its record is there.
            for writer in [data, sum, json] {
                try writer.publish()
                published.append(writer.path)
            }
            try AtomicFileWriter.synchronizeDirectory(of: data.path)
        } catch {
            for path in published { unlink(path) }
            await discard()
            throw error
        }
    }

    /// Removes the partial files, then the day folder if that left it empty.
    func discard() async {
        await data.discard()
        for sidecar in sidecars { await sidecar.discard() }
        rmdir(directory)
    }
}
