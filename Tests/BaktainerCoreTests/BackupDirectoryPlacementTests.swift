import BaktainerCore
import Foundation
import Testing

/// The warning for a backup directory that would be lost with the container Baktainer runs in.
@Suite struct BackupDirectoryPlacementTests {
    /// A marker file, an empty mountinfo and a backup directory under a fresh temporary directory.
    struct Scene {
        let base: String
        var marker: String { base + "/.dockerenv" }
        var mountInfo: String { base + "/mountinfo" }
        var backups: String { base + "/backups" }

        init() throws {
            base = try RetentionFixture.temporaryDirectory()
            try RetentionFixture.write("", to: marker)
            try RetentionFixture.write("22 1 0:21 / / rw,relatime - overlay overlay rw\n", to: mountInfo)
        }

        /// The check with `base` playing the container's root.
        func placement(markers: [String]? = nil) -> BackupDirectoryPlacement {
            BackupDirectoryPlacement(containerMarkers: markers ?? [marker], systemRoot: base, mountInfo: mountInfo)
        }
    }

    @Test func aDirectoryOnTheContainersOwnFileSystemIsWarnedAbout() throws {
        let scene = try Scene()
        defer { try? FileManager.default.removeItem(atPath: scene.base) }
        let warning = try #require(scene.placement().warning(for: scene.backups))  // not even created yet
        #expect(warning.contains("BT_BACKUP_DIR \(scene.backups) is not on a mounted volume") && warning.contains("lost when the container is removed"))
    }

    @Test func aMountedDirectoryOrParentIsFine() throws {
        let scene = try Scene()
        defer { try? FileManager.default.removeItem(atPath: scene.base) }
        try FileManager.default.createDirectory(atPath: scene.backups + "/prod", withIntermediateDirectories: true)
        let escaped = scene.backups.replacingOccurrences(of: " ", with: "\\040")
        try RetentionFixture.write("22 1 0:21 / / rw - overlay overlay rw\n99 22 8:1 /srv/backups \(escaped) rw - ext4 /dev/sda1 rw\n", to: scene.mountInfo)
        #expect(scene.placement().warning(for: scene.backups) == nil)
        #expect(scene.placement().warning(for: scene.backups + "/prod") == nil)
    }

    @Test func outsideAContainerOrOnAnotherFileSystemNothingIsSaid() throws {
        let scene = try Scene()
        defer { try? FileManager.default.removeItem(atPath: scene.base) }
        #expect(scene.placement(markers: [scene.base + "/no-such-marker"]).warning(for: scene.backups) == nil)
        // /proc is never the file system of a temporary directory.
        let other = BackupDirectoryPlacement(containerMarkers: [scene.marker], systemRoot: "/proc", mountInfo: scene.mountInfo)
        #expect(other.warning(for: scene.backups) == nil)
    }
}
