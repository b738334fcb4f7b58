#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Whether the backup directory outlives the process's container: checked when `backup` and `run` start.
///
/// Inside a container (`/.dockerenv` or `/run/.containerenv` exists), a backup directory with no volume or host
/// directory mounted at it or above it lies in the container's own writable layer, and every backup in it is lost
/// when the container is removed. That is the case when the directory (or, while it does not exist yet, its
/// nearest existing parent) is on the same file system as `/` and no mount point of `/proc/self/mountinfo`
/// other than `/` is the directory or one of its parents.
package struct BackupDirectoryPlacement: Sendable {
    /// Files whose presence means "running in a container" (Docker, Podman).
    package var containerMarkers: [String]
    /// The container's root directory.
    package var systemRoot: String
    /// The kernel's list of this process's mounts.
    package var mountInfo: String

    /// The checks for this process; tests point them elsewhere.
    package init(
        containerMarkers: [String] = ["/.dockerenv", "/run/.containerenv"], systemRoot: String = "/", mountInfo: String = "/proc/self/mountinfo"
    ) {
        self.containerMarkers = containerMarkers
        self.systemRoot = systemRoot
        self.mountInfo = mountInfo
    }

    /// A warning naming `BT_BACKUP_DIR` when backups in `directory` would be lost with this container; nil when
    /// not in a container or when a volume is mounted there.
    package func warning(for directory: String) -> String? {
        guard containerMarkers.contains(where: { access($0, F_OK) == 0 }) else { return nil }
        var folders = [directory]
        var path = directory
        while let slash = path.lastIndex(of: "/"), path != "/" {
            path = slash == path.startIndex ? "/" : String(path[..<slash])
            folders.append(path)
        }
        var rootStatus = stat()
        var folderStatus = stat()
        guard stat(systemRoot, &rootStatus) == 0, folders.contains(where: { stat($0, &folderStatus) == 0 }),
            folderStatus.st_dev == rootStatus.st_dev
        else { return nil }
        let mounts = mountPoints()
        guard !folders.contains(where: { $0 != "/" && mounts.contains($0) }) else { return nil }
        return "\(EnvironmentKey.backupDirectory) \(directory) is not on a mounted volume but inside this container: "
            + "its backups are lost when the container is removed; mount a volume or a host directory there "
            + "(e.g. docker run -v /srv/backups:\(directory) or a compose volume)"
    }

    /// The mount points listed in ``mountInfo`` (its fifth field, with `\040`-style escapes decoded).
    private func mountPoints() -> Set<String> {
        guard let text = try? String(contentsOfFile: mountInfo, encoding: .utf8) else { return [] }
        var points: Set<String> = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { continue }
            points.insert(Self.unescaped(fields[4]))
        }
        return points
    }

    /// `field` with the kernel's octal escapes (`\040` for a space) decoded.
    private static func unescaped(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let source = Array(field.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "\\"), index + 3 < source.count,
                let value = UInt8(String(decoding: source[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
