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
/// (directories 0700, files 0600) with `<file>.sha256` (`sha256sum -c` format) and `<file>.json` beside it.
///
/// Owns the layout, the atomic writer, the free-space guard, the catalog scan and deletion. A backup appears
/// all at once: the data and both sidecars are written to `.partial` names and fsynced, then renamed — the
/// record last, since a backup without its record is not listed — and the directory is fsynced.
package struct LocalBackupStorage: BackupStorage {
    package let name = "local"
    /// The backup directory, without a trailing slash.
    package let root: String
    private let minimumFreeSpace: FreeSpaceGuard?

    /// A storage under `root`; `minimumFreeSpace` (`BT_MIN_FREE_SPACE`) refuses new backups below it.
    package init(root: String, minimumFreeSpace: FreeSpaceGuard? = nil) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        self.minimumFreeSpace = minimumFreeSpace
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

    package func makeWriter(for key: BackupKey) async throws -> any BackupWriter {
        let path = location(of: key)
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        for folder in [root, directory] where !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StorageError(.permissionDenied, "cannot create backup directory \(folder): check BT_BACKUP_DIR and its permissions")
            }
        }
        do {
            try minimumFreeSpace?.check(directory: root)
            return LocalBackupWriter(data: try await AtomicFileWriter(path: path), directory: directory)
        } catch {
            rmdir(directory)  // only if this left it empty
            throw error
        }
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
        guard let day = key.day, BackupFileName.isDateDirectoryName(day), BackupFileName(key.fileName) != nil else {
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
    private let data: AtomicFileWriter
    private let directory: String
    private var sidecars: [AtomicFileWriter] = []

    init(data: AtomicFileWriter, directory: String) {
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

    func discard() async {
        await data.discard()
        for sidecar in sidecars { await sidecar.discard() }
    }
}
