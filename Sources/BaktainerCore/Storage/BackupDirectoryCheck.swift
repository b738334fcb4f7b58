#if canImport(Glibc)
import Glibc
#endif

/// Whether backups can be written under a directory, checked without writing a backup (`validate`): a probe
/// file is created in it (exclusively, mode 0600) and removed at once. A missing directory is fine when its
/// parent takes the probe: the first backup creates it.
package enum BackupDirectoryCheck {
    /// How the check ended.
    package enum Outcome: Sendable, Equatable {
        /// The directory exists and takes new files.
        case writable
        /// The directory does not exist; its parent takes new files, so the first backup creates it.
        case willBeCreated
        /// Backups would fail; the text says why and what to do.
        case problem(String)
    }

    /// Checks `path`; messages name it as `setting` says (e.g. `BT_BACKUP_DIR`, or the file key that set it).
    package static func check(_ path: String, setting: String) -> Outcome {
        var status = stat()
        if stat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else {
                return .problem("\(setting) '\(path)' is not a directory: point \(setting) at a directory")
            }
            return probe(path).map { .problem("\(setting) '\(path)' is not writable: \($0)") } ?? .writable
        }
        let missing = errno
        guard missing == ENOENT else {
            return .problem("\(setting) '\(path)' cannot be read: \(String(cString: strerror(missing)))")
        }
        let parent = parentDirectory(of: path)
        guard stat(parent, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            return .problem(
                "\(setting) '\(path)' does not exist, nor does its parent '\(parent)': create it (or mount the backup volume there)")
        }
        if let reason = probe(parent) {
            return .problem("\(setting) '\(path)' does not exist and cannot be created in '\(parent)': \(reason)")
        }
        return .willBeCreated
    }

    /// Creates and removes a probe file in `directory`; nil when that worked, else why not and what to do.
    private static func probe(_ directory: String) -> String? {
        let path = directory + (directory.hasSuffix("/") ? "" : "/") + ".baktainer-validate-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let error = errno
            let reason = String(cString: strerror(error))
            switch error {
            case EROFS: return "\(reason): mount it read-write, or choose a writable directory"
            case EACCES, EPERM: return "\(reason): give the user Baktainer runs as (uid \(geteuid())) write access"
            default: return reason
            }
        }
        close(descriptor)
        unlink(path)
        return nil
    }

    /// `/a/b` → `/a`, `/a` → `/`, `b` → `.`.
    private static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
