import BaktainerCore
import Foundation
import Testing

@Suite struct BackupFileNameTests {
    @Test(arguments: [
        ("db-1718445600.sql", "db", 1_718_445_600, "sql"),
        ("db-1718445600.sql.gz", "db", 1_718_445_600, "sql.gz"),
        ("app-db-hourly-1718445600.sql.zst", "app-db-hourly", 1_718_445_600, "sql.zst"),
        ("cache-1718445600.rdb.zst.age", "cache", 1_718_445_600, "rdb.zst.age"),
        ("my.app-2-1718445600.sql.gz.age", "my.app-2", 1_718_445_600, "sql.gz.age"),
        ("mongo-1.archive", "mongo", 1, "archive"),
    ])
    func parsesBaktainerNames(_ fileName: String, _ name: String, _ seconds: Int, _ fileExtension: String) throws {
        let parsed = try #require(BackupFileName(fileName))
        #expect(parsed == BackupFileName(fileName))
        #expect((parsed.name, parsed.seconds, parsed.fileExtension) == (name, seconds, fileExtension))
    }

    @Test(arguments: [
        ("db-1718445600_2.sql", "db", 1_718_445_600, 2, "sql"),
        ("app-db-hourly-1718445600_17.sql.gz.age", "app-db-hourly", 1_718_445_600, 17, "sql.gz.age"),
        ("db_x-1718445600.sql", "db_x", 1_718_445_600, 1, "sql"),
    ])
    func parsesTheSequenceOfASecondBackupInOneSecond(_ fileName: String, _ name: String, _ seconds: Int, _ sequence: Int, _ fileExtension: String) throws {
        let parsed = try #require(BackupFileName(fileName))
        #expect((parsed.name, parsed.seconds, parsed.sequence, parsed.fileExtension) == (name, seconds, sequence, fileExtension))
        #expect(parsed.fileName == fileName)
    }

    @Test func ordersBySecondsThenSequence() throws {
        let names = ["db-100_10.sql", "db-99.sql", "db-100.sql", "db-100_2.sql", "db-101.sql"].compactMap(BackupFileName.init)
        #expect(names.sorted().map(\.fileName) == ["db-99.sql", "db-100.sql", "db-100_2.sql", "db-100_10.sql", "db-101.sql"])
    }

    @Test func aTakenKeyGivesSequencedKeys() {
        let key = BackupKey("2026-11-25/shop-db-1795583298.sql.zst")
        #expect(key.sequenced(2)?.rawValue == "2026-11-25/shop-db-1795583298_2.sql.zst")
        #expect(key.sequenced(12)?.rawValue == "2026-11-25/shop-db-1795583298_12.sql.zst")
        #expect(BackupKey("notes.txt").sequenced(2) == nil)
    }

    @Test(arguments: [
        "db-1718445600_1.sql", "db-1718445600_.sql", "db-1718445600_02.sql", "db-1718445600_x.sql", "db-_2.sql", "db-1718445600_2_3.sql",
        "db-1718445600_2.sql.partial",
        "db-1718445600.sql.json", "db-1718445600.sql.sha256", "db-1718445600.sql.partial", "db.sql", "db-abc.sql",
        "-1718445600.sql", "db-1718445600", "db-1718445600.", "db-1718445600.sql..gz", "notes.txt", "db-1718445600.tar-gz",
    ])
    func refusesOtherNames(_ fileName: String) {
        #expect(BackupFileName(fileName) == nil)
    }

    @Test(arguments: [("2024-06-15", true), ("1999-12-31", true), ("2024-13-01", false), ("2024-6-15", false), ("lost+found", false), ("2024-06-15x", false)])
    func recognisesDayDirectories(_ name: String, _ expected: Bool) {
        #expect(BackupFileName.isDateDirectoryName(name) == expected)
    }
}

@Suite struct BackupCatalogTests {
    @Test func findsBackupsWithRecordsAndIgnoresEverythingElse() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plain = try RetentionFixture.writeBackup(root: root, at: "2024-06-15 10:00")
        let hourly = try RetentionFixture.writeBackup(root: root, schedule: "hourly", at: "2024-06-15 11:00", fileExtension: "sql.gz.age")
        let day = "\(root)/2024-06-15"
        try RetentionFixture.write("x", to: "\(day)/notes.txt")
        try RetentionFixture.write("x", to: "\(day)/db-1718449999.sql")  // no record
        try RetentionFixture.write("x", to: "\(day)/db-1718450000.sql.partial")
        try RetentionFixture.write("{}", to: "\(day)/db-1718450000.sql.partial.json")
        try FileManager.default.createDirectory(atPath: "\(root)/archive/2024-06-15", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(root)/2024-06-14-old", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: plain.file, toPath: "\(root)/archive/2024-06-15/db-1718445600.sql")
        try FileManager.default.copyItem(atPath: plain.file + ".json", toPath: "\(root)/archive/2024-06-15/db-1718445600.sql.json")
        try FileManager.default.copyItem(atPath: plain.file, toPath: "\(root)/2024-06-14-old/db-1718445600.sql")
        try FileManager.default.copyItem(atPath: plain.file + ".json", toPath: "\(root)/2024-06-14-old/db-1718445600.sql.json")
        try RetentionFixture.write("x", to: "\(root)/db-1718445600.sql")

        let catalog = try await LocalBackupStorage(root: root + "/").list()
        #expect(catalog.entries.map(\.location).sorted() == [hourly.file, plain.file].sorted())
        #expect(catalog.warnings.isEmpty)
        let byPath = Dictionary(uniqueKeysWithValues: catalog.entries.map { ($0.location, $0) })
        #expect(byPath[plain.file]?.stream == BackupStream(backupName: "db", container: "db"))
        #expect(byPath[hourly.file]?.stream == BackupStream(backupName: "db", schedule: "hourly", container: "db"))
        #expect(byPath[hourly.file]?.date == RetentionFixture.date("2024-06-15 11:00"))
        #expect(catalog.streams.count == 2)
    }

    @Test func unreadableOrMismatchedRecordsAreWarningsNotEntries() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let good = try RetentionFixture.writeBackup(root: root, at: "2024-06-15 10:00")
        let broken = try RetentionFixture.writeBackup(root: root, at: "2024-06-15 11:00")
        try RetentionFixture.write("{ not json", to: broken.file + ".json")
        let other = try RetentionFixture.writeBackup(root: root, at: "2024-06-15 12:00")
        var wrong = other
        wrong.file = good.file
        try JSONEncoder().encode(wrong).write(to: URL(fileURLWithPath: other.file + ".json"))

        let catalog = try await LocalBackupStorage(root: root).list()
        #expect(catalog.entries.map(\.location) == [good.file])
        #expect(catalog.warnings.map(\.path).sorted() == [broken.file + ".json", other.file + ".json"].sorted())
    }

    @Test func aRecordWithoutBackupNameFallsBackToTheFileName() async throws {
        var record = RetentionFixture.record(backupName: "app-db", schedule: "hourly", date: RetentionFixture.date("2024-06-15 10:00"))
        record.backupName = nil
        #expect(
            CatalogEntry(key: RetentionFixture.key(record.file), location: record.file, record: record).stream
                == BackupStream(backupName: "app-db", schedule: "hourly", container: "app-db"))
        #expect(BackupStream(backupName: "db", schedule: "default") == BackupStream(backupName: "db"))
    }

    @Test func aMissingRootIsAnError() async {
        await #expect(throws: StorageError.self) { try await LocalBackupStorage(root: "/nonexistent-baktainer-\(UUID().uuidString)").list() }
    }
}
