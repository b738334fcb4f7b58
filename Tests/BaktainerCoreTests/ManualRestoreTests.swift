import BaktainerCore
import Foundation
import Testing

/// The refusal of a dump without its record: how to name its engine, and the pipeline that restores it by hand.
@Suite struct ManualRestoreTests {
    @Test func layersAreDecodedByTheirOwnToolsBeforeTheClient() {
        let text = ManualRestore().instructions(for: "/backups/shop.sql.zst.age", container: "shop-db")
        #expect(text.contains("baktainer restore /backups/shop.sql.zst.age --engine mariadb|mysql|postgres --to shop-db"), "\(text)")
        #expect(
            text.contains("postgres: age -d -i KEY.txt /backups/shop.sql.zst.age | zstd -dc | docker exec -i shop-db psql -U USER -d DATABASE"), "\(text)")
        #expect(
            text.contains("mariadb: age -d -i KEY.txt /backups/shop.sql.zst.age | zstd -dc | docker exec -i -e MYSQL_PWD shop-db mariadb -u USER"), "\(text)")
    }

    @Test func aPlainFileIsRedirectedAndAStrangeNameQuoted() {
        let text = ManualRestore().instructions(for: "/b/my dump.sql", container: nil)
        #expect(
            text.contains("postgres: docker exec -i CONTAINER psql -U USER -d DATABASE --single-transaction -v ON_ERROR_STOP=1 < '/b/my dump.sql'"), "\(text)")
    }

    @Test func anEngineWithoutAOneLinerIsNamedWithoutOne() {
        let text = ManualRestore().instructions(for: "/b/cache.rdb.gz", container: "cache")
        #expect(text.contains("--engine redis --to cache") && !text.contains("By hand"), "\(text)")
    }
}

/// What the backup directory says when it is not there.
@Suite struct MissingBackupDirectoryTests {
    @Test func listingAMissingDirectoryNamesItAndTheSetting() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bt-none-\(UUID().uuidString.prefix(8))").path
        do {
            _ = try await LocalBackupStorage(root: root).list()
            Issue.record("listed a missing directory")
        } catch let error as StorageError {
            #expect(
                error.message
                    == "the backup directory \(root) does not exist: set BT_BACKUP_DIR to the directory that holds the backups (a first backup creates it)")
        }
    }
}
