import BaktainerCore
import Foundation
import Testing

@Suite struct RetentionRunTests {
    @Test func deletesBackupsWithSidecarsAndEmptyDayDirectories() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try RetentionFixture.writeBackup(root: root, at: "2024-06-13 10:00")
        try RetentionFixture.writeBackup(root: root, at: "2024-06-14 10:00")
        try RetentionFixture.writeBackup(root: root, at: "2024-06-15 10:00")
        try RetentionFixture.write("mine", to: "\(root)/2024-06-14/notes.txt")
        try FileManager.default.createDirectory(atPath: "\(root)/2024-06-01", withIntermediateDirectories: true)

        let catalog = try await RetentionFixture.scan(root)
        let plan = RetentionPolicy(keepLast: 1).plan(existing: catalog.entries, now: RetentionFixture.date("2024-06-15 12:00"))
        let result = await RetentionRun(storage: LocalBackupStorage(root: root), settings: RetentionSettings(global: RetentionPolicy())).apply(
            plan, dryRun: false)

        #expect(result.failures.isEmpty)
        #expect(result.deleted.count == 2)
        #expect(result.deletedBytes == 200)
        #expect(
            try RetentionFixture.tree(root) == [
                "2024-06-01", "2024-06-14", "2024-06-14/notes.txt", "2024-06-15",
                "2024-06-15/db-1718445600.sql", "2024-06-15/db-1718445600.sql.json", "2024-06-15/db-1718445600.sql.sha256",
            ])
        #expect(try await RetentionFixture.scan(root).entries.count == 1)
    }

    @Test func dryRunChangesNothing() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try RetentionFixture.writeBackup(root: root, at: "2024-06-13 10:00")
        try RetentionFixture.writeBackup(root: root, at: "2024-06-15 10:00")
        let before = try RetentionFixture.tree(root)

        let plan = RetentionPolicy(keepLast: 1).plan(existing: try await RetentionFixture.scan(root).entries, now: RetentionFixture.date("2024-06-15 12:00"))
        let result = await RetentionRun(storage: LocalBackupStorage(root: root), settings: RetentionSettings(global: RetentionPolicy())).apply(
            plan, dryRun: true)

        #expect(result.dryRun)
        #expect(result.deleted.map(\.fileName) == ["db-1718272800.sql"])
        #expect(try RetentionFixture.tree(root) == before)
    }

    @Test func failuresAreReportedPerFileAndTheRestContinues() async throws {
        let root = try RetentionFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let record = try RetentionFixture.writeBackup(root: root, at: "2024-06-13 10:00")
        try RetentionFixture.write("keep me", to: "\(root)/escape-1.sql")
        let strange = CatalogEntry(key: BackupKey("2024-06-13/../escape-1.sql"), location: "\(root)/2024-06-13/../escape-1.sql", record: record)
        let bare = CatalogEntry(key: BackupKey("escape-1.sql"), location: "\(root)/escape-1.sql", record: record)

        let plan = RetentionPlan(
            keep: [], delete: [strange, bare, CatalogEntry(key: RetentionFixture.key(record.file), location: record.file, record: record)])
        let result = await RetentionRun(storage: LocalBackupStorage(root: root), settings: RetentionSettings(global: RetentionPolicy())).apply(
            plan, dryRun: false)

        #expect(result.failures.map(\.path) == [strange.location, bare.location])
        #expect(result.deleted.map(\.location) == [record.file])
        #expect(try RetentionFixture.tree(root) == ["escape-1.sql"])
    }

    @Test func rowsListEveryBackupWithActionAndReasons() {
        let entries = ["db|2024-06-15 10:00", "db|2024-06-10 10:00", "db|2024-06-14 10:00", "db/hourly|2024-06-15 11:00"].map(RetentionFixture.entry)
        let plan = RetentionPolicy(keepDaily: 2).plan(existing: entries, now: RetentionFixture.date("2024-06-15 12:00"))
        let rows = PrunePlanRows(plan: plan)
        #expect(
            rows.rows == [
                ["db", "db-1718445600.sql", "KEEP", "daily #1"],
                ["db", "db-1718359200.sql", "KEEP", "daily #2"],
                ["db", "db-1718013600.sql", "DELETE", "no rule keeps it"],
                ["db/hourly", "db-hourly-1718449200.sql", "KEEP", "daily #1"],
            ])
        #expect(rows.rendered().hasPrefix("TARGET     FILE"))
        #expect(PrunePlanRows.header == ["TARGET", "FILE", "ACTION", "WHY"])
    }
}
