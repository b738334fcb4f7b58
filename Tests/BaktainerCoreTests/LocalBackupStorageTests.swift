import BaktainerCore
import Foundation
import Glibc
import NIOCore
import Testing

/// The backup directory's guarantees: a backup is never replaced, names stay unique within a second, unfinished
/// files of dead runs are swept but never a live writer's, a failed backup leaves no folder, and the backup
/// directory is not conjured up with all its parents.
@Suite struct LocalBackupStorageTests {
    static let key = BackupKey("2026-11-25/db-1795583298.sql")

    /// A record for the backup written under `key`.
    static func record(_ key: BackupKey, container: String = "db") -> BackupRecord {
        BackupRecord(
            container: container, engine: "postgres", file: key.rawValue, size: 4, sha256: String(repeating: "0", count: 64), durationSeconds: 1,
            exitCode: 0, startedAt: 1_795_583_298, baktainerVersion: "test", backupName: "db")
    }

    /// Writes `text` as a whole backup through `storage`; the key used.
    static func backUp(_ text: String, to storage: LocalBackupStorage, key: BackupKey = key, container: String = "db") async throws -> BackupKey {
        let writer = try await storage.makeWriter(for: key)
        try await writer.write(ByteBuffer(string: text))
        try await writer.commit(record(writer.key, container: container))
        return writer.key
    }

    @Test func backupsOfOneNameInOneSecondAllKeepTheirOwnFile() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = LocalBackupStorage(root: root)
        var keys: [BackupKey] = []
        for index in 0..<10 { keys.append(try await Self.backUp("dump \(index)", to: storage, container: "c\(index)")) }
        #expect(keys.map(\.fileName) == ["db-1795583298.sql"] + (2...10).map { "db-1795583298_\($0).sql" })
        let catalog = try await storage.list()
        #expect(catalog.entries.count == 10 && catalog.warnings.isEmpty)
        for (index, key) in keys.enumerated() {
            #expect(try String(contentsOfFile: storage.location(of: key), encoding: .utf8) == "dump \(index)")
            let entry = try #require(catalog.entries.first { $0.key == key })
            #expect(entry.record.file == key.rawValue && entry.record.container == "c\(index)")
        }
    }

    @Test func writersRunningTogetherGetDifferentNames() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = LocalBackupStorage(root: root)
        let first = try await storage.makeWriter(for: Self.key)
        let second = try await storage.makeWriter(for: Self.key)
        #expect(first.key != second.key)
        try await second.write(ByteBuffer(string: "second"))
        try await second.commit(Self.record(second.key))
        try await first.write(ByteBuffer(string: "first"))
        try await first.commit(Self.record(first.key))
        #expect(try await storage.list().entries.count == 2)
        // A leftover sidecar of the name (a record without its file) is not overwritten either.
        try RetentionFixture.write("{}", to: storage.location(of: Self.key.sequenced(3)!) + ".json")
        #expect(try await Self.backUp("fourth", to: storage).fileName == "db-1795583298_4.sql")
    }

    @Test func aPublishNeverReplacesAFile() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/file.sql"
        let writer = try await AtomicFileWriter(path: path)
        try await writer.write(ByteBuffer(string: "new"))
        // Someone else's file appears under the final name after the writer started.
        try RetentionFixture.write("precious", to: path)
        await #expect(throws: StorageError.self) { try await writer.commit() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        await writer.discard()
        #expect(try RetentionFixture.tree(root) == ["file.sql"])
        // Nor does creating one start over an existing file.
        await #expect(throws: StorageError.self) { try await AtomicFileWriter(path: path) }
        #expect(try await AtomicFileWriter.claim(path: path) == nil)
    }

    @Test func aCommitRefusedByATakenSidecarLeavesNothingOfItsOwn() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = LocalBackupStorage(root: root)
        let writer = try await storage.makeWriter(for: Self.key)
        try await writer.write(ByteBuffer(string: "dump"))
        let record = storage.location(of: writer.key) + ".json"
        try RetentionFixture.write("someone else's record", to: record)
        await #expect(throws: StorageError.self) { try await writer.commit(Self.record(writer.key)) }
        #expect(try RetentionFixture.tree(root) == ["2026-11-25", "2026-11-25/db-1795583298.sql.json"])
        #expect(try String(contentsOfFile: record, encoding: .utf8) == "someone else's record")
    }

    @Test func aFailedBackupLeavesNoEmptyDayFolder() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = LocalBackupStorage(root: root)
        let writer = try await storage.makeWriter(for: Self.key)
        try await writer.write(ByteBuffer(string: "half a dump"))
        await writer.discard()
        #expect(try RetentionFixture.tree(root).isEmpty)
        // A day folder with other backups in it stays.
        let kept = try await Self.backUp("kept", to: storage)
        let failed = try await storage.makeWriter(for: Self.key)
        await failed.discard()
        #expect(try RetentionFixture.tree(root) == ["2026-11-25"] + ["", ".json", ".sha256"].map { "2026-11-25/\(kept.fileName)\($0)" })
    }

    @Test func staleWritersAreSweptAndLiveOnesAreNot() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = LocalBackupStorage(root: root)
        let live = try await storage.makeWriter(for: Self.key)
        try await live.write(ByteBuffer(string: "being written"))
        // What a `kill -9`'d run leaves: partial files nobody holds, one alone in its day folder.
        try FileManager.default.createDirectory(atPath: root + "/2026-11-24", withIntermediateDirectories: true)
        try RetentionFixture.write("dead", to: root + "/2026-11-24/db-1795496898.sql.partial")
        try RetentionFixture.write("dead", to: root + "/2026-11-25/other-1795583000.sql.partial")
        try RetentionFixture.write("dead", to: root + "/2026-11-25/other-1795583000.sql.json.partial")
        try RetentionFixture.write("not ours", to: root + "/notes.partial")

        let stale = try await storage.list().staleFiles.map(\.path).sorted()
        let expected = ["2026-11-24/db-1795496898.sql.partial", "2026-11-25/other-1795583000.sql.json.partial", "2026-11-25/other-1795583000.sql.partial"]
        #expect(stale == expected.map { "\(root)/\($0)" })
        #expect(storage.removeStalePartialFiles().count == 3)
        #expect(try RetentionFixture.tree(root) == ["2026-11-25", "2026-11-25/db-1795583298.sql.partial", "notes.partial"])
        #expect(try await storage.list().staleFiles.isEmpty)

        try await live.commit(Self.record(live.key))
        #expect(try await storage.list().entries.map(\.key) == [Self.key])
    }

    @Test func aPartialFileHeldByAnotherProcessIsNotSwept() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let partial = root + "/2026-11-25/db-1795583298.sql.partial"
        try FileManager.default.createDirectory(atPath: root + "/2026-11-25", withIntermediateDirectories: true)
        try RetentionFixture.write("x", to: partial)
        // flock(1) holds the lock in another process until `cat` ends, when its input is closed.
        let holder = Process()
        let input = Pipe()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--exclusive", "--close", partial, "cat"]
        holder.standardInput = input
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        while !AtomicFileWriter.isHeld(partial) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(LocalBackupStorage(root: root).removeStalePartialFiles().isEmpty)
        #expect(FileManager.default.fileExists(atPath: partial))
        try input.fileHandleForWriting.close()
        while holder.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(LocalBackupStorage(root: root).removeStalePartialFiles() == [partial])
    }

    @Test func onlyTheLastFolderOfTheBackupDirectoryIsCreatedUnlessAsked() async throws {
        let base = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let nested = base + "/mnt/backups"
        await #expect {
            try await LocalBackupStorage(root: nested).makeWriter(for: Self.key)
        } throws: { error in
            let message = (error as? StorageError)?.message ?? ""
            return message.contains("\(nested) (BT_BACKUP_DIR) does not exist, nor does its parent \(base)/mnt")
                && message.contains("BT_BACKUP_DIR_CREATE_PARENTS=true")
        }
        #expect(!FileManager.default.fileExists(atPath: base + "/mnt"))
        _ = try await Self.backUp("one", to: LocalBackupStorage(root: base + "/backups"))
        _ = try await Self.backUp("two", to: LocalBackupStorage(root: nested, createsParents: true))
        #expect(try RetentionFixture.tree(base).filter { !$0.contains("/2026-11-25/") }.contains("mnt/backups/2026-11-25"))
        var status = stat()
        #expect(stat(base + "/backups", &status) == 0 && status.st_mode & 0o777 == 0o700)
    }
}
