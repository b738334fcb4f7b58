#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Applies a ``RetentionPlan``: deletes each planned backup with its `.sha256` and `.json` sidecars, then removes
/// the day directories (`<root>/YYYY-MM-DD`) that this left empty. Never removes `root`, another directory, or a
/// non-empty directory, and refuses any planned path that is not `<root>/YYYY-MM-DD/<backup file name>`.
/// A failure on one backup is recorded and the rest continue.
package struct BackupPruner: Sendable {
    /// The backup directory.
    package var root: String

    /// Creates a pruner for the backup directory `root`.
    package init(root: String) {
        self.root = BackupLayout(root: root).root
    }

    /// Deletes `plan.delete`; with `dryRun` deletes nothing and reports what would be deleted.
    package func apply(_ plan: RetentionPlan, dryRun: Bool) -> PruneResult {
        var result = PruneResult(dryRun: dryRun)
        var touched: [String] = []
        for entry in plan.delete {
            guard let directory = dayDirectory(of: entry.path) else {
                result.failures.append(.init(path: entry.path, error: StorageError(.ioError, "not a backup file under \(root)/YYYY-MM-DD/, left alone")))
                continue
            }
            if !dryRun {
                if let error = Self.unlink(entry.path) {
                    result.failures.append(.init(path: entry.path, error: error))
                    continue
                }
                let sidecarErrors = [".sha256", ".json"].compactMap { Self.unlink(entry.path + $0) }
                if let error = sidecarErrors.first {
                    result.failures.append(.init(path: entry.path, error: error))
                }
                if !touched.contains(directory) { touched.append(directory) }
            }
            result.deleted.append(entry)
            result.deletedBytes += entry.record.size
        }
        for directory in touched {
            if rmdir(directory) == 0 {
                result.removedDirectories.append(directory)
            } else if errno != ENOTEMPTY && errno != EEXIST && errno != ENOENT {
                result.failures.append(.init(path: directory, error: StorageError.posix(errno, "remove the empty directory", path: directory)))
            }
        }
        return result
    }

    /// The `<root>/YYYY-MM-DD` directory holding `path`, or nil when `path` is not a backup file directly inside one.
    private func dayDirectory(of path: String) -> String? {
        let prefix = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let parts = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, BackupFileName.isDateDirectoryName(String(parts[0])), BackupFileName(String(parts[1])) != nil else { return nil }
        return prefix + parts[0]
    }

    /// Removes the file at `path`; a missing file is not an error.
    private static func unlink(_ path: String) -> StorageError? {
        #if canImport(Glibc)
        let status = Glibc.unlink(path)
        #else
        let status = Darwin.unlink(path)
        #endif
        guard status != 0, errno != ENOENT else { return nil }
        return StorageError.posix(errno, "delete", path: path)
    }
}
