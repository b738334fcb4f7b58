#if canImport(Glibc)
import Glibc
#endif

extension LocalBackupStorage: BackupCopySource {
    package func copySource(of key: BackupKey) async throws -> BackupCopy {
        let path = location(of: key)
        var info = stat()
        guard stat(path, &info) == 0 else { throw StorageError.posix(errno, "read", path: path) }
        return try await makeCopy(of: key, size: Int(info.st_size)) { range in
            let reader = try await StreamingFileReader(path: path, range: range)
            return ByteStream(next: { try await reader.next() })
        }
    }
}
