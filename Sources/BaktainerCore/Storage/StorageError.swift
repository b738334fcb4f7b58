#if canImport(Glibc)
import Glibc
#endif

/// A failure writing backup files, naming the path and what to do about it.
package struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bounded failure kind; also usable as a metric label.
    package enum Code: String, Sendable, Equatable {
        case diskFull = "disk_full"
        case permissionDenied = "permission_denied"
        case ioError = "io_error"
    }

    /// What kind of failure.
    package var code: Code
    /// What happened and what to do.
    package var message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Maps an `errno` from operation `operation` on `path` to an error a person can act on.
    package static func posix(_ errorNumber: Int32, _ operation: String, path: String) -> StorageError {
        switch errorNumber {
        case ENOSPC, EDQUOT:
            StorageError(.diskFull, "no space left writing \(path): free space or point BT_BACKUP_DIR at a larger volume")
        case EACCES, EPERM, EROFS:
            StorageError(.permissionDenied, "permission denied to \(operation) \(path): check the owner and mode of the backup directory (BT_BACKUP_DIR)")
        default:
            StorageError(.ioError, "cannot \(operation) \(path): \(String(cString: strerror(errorNumber)))")
        }
    }

    package var description: String { message }
}
