import BaktainerCore
import Foundation
import Testing

/// The MySQL/MariaDB counter on real mariadb-dump output of awkward tables in two databases, against
/// `count(*)` from the server: once as MySQLEngine dumps (extended inserts, one tuple a line), once with a
/// column list, `INSERT IGNORE` and one statement per row.
@Suite struct MySQLInsertRowCounterTests {
    let fixtures: [RowCountingFixture]

    init() throws {
        fixtures = [try RowCountingFixture("mariadb", counts: "mariadb"), try RowCountingFixture("mariadb-options", counts: "mariadb")]
    }

    @Test func theFixturesHaveWhatTheTestsNeed() {
        let plain = String(decoding: fixtures[0].dump, as: UTF8.self)
        let options = String(decoding: fixtures[1].dump, as: UTF8.self)
        #expect(plain.contains("USE `shop`;") && plain.contains("USE `other.db`;") && plain.contains("WITH SYSTEM VERSIONING"))
        #expect(plain.contains("INSERT INTO `log` VALUES (1),(2)"), "a trigger's and a procedure's INSERT, not rows")
        #expect(plain.contains("INSERT INTO `new\nline` VALUES"))
        #expect(options.contains("INSERT IGNORE INTO `items` (`id`, `name`) VALUES (1,'item 1');"))
        #expect(fixtures[0].counts.count == 12 && fixtures[0].counts["shop.items"] == 300 && fixtures[0].counts["shop.vers"] == nil)
    }

    @Test(arguments: [nil, "shop"] as [String?])
    func countsEveryTableOfTheDumpInOneBuffer(database: String?) {
        for fixture in fixtures {
            #expect(RowCountingFixture.count(MySQLInsertRowCounter(database: database), fixture.dump, pieces: [fixture.dump.count]) == fixture.counts)
        }
    }

    @Test func countsTheSameFedOneByteAtATime() {
        for fixture in fixtures {
            let counts = RowCountingFixture.count(MySQLInsertRowCounter(database: nil), fixture.dump, pieces: Array(repeating: 1, count: fixture.dump.count))
            #expect(counts == fixture.counts)
        }
    }

    /// Split in two at every 29th byte (every byte is a boundary in the one-byte test; this covers the fast paths
    /// on both sides of a boundary without hogging a test thread for minutes in a coverage build).
    @Test func countsTheSameSplitInTwoAtManyBytes() {
        for fixture in fixtures {
            var wrong: [Int] = []
            for split in stride(from: 0, through: fixture.dump.count, by: 29)
            where RowCountingFixture.count(MySQLInsertRowCounter(database: nil), fixture.dump, pieces: [split]) != fixture.counts {
                wrong.append(split)
            }
            #expect(wrong.count == 0, "wrong counts when split at \(wrong.prefix(10))")
        }
    }

    @Test(arguments: 1...40)
    func countsTheSameInRandomPieces(seed: Int) {
        for fixture in fixtures {
            let pieces = RowCountingFixture.randomPieces(seed: UInt64(seed), total: fixture.dump.count, maximum: seed % 2 == 0 ? 16 : 700)
            #expect(RowCountingFixture.count(MySQLInsertRowCounter(database: nil), fixture.dump, pieces: pieces) == fixture.counts)
        }
    }

    @Test func anAllDatabasesDumpLeavesTheSystemSchemasOut() {
        let dump =
            Array(
                "USE `mysql`;\n\n--\n-- Table structure for table `db`\n--\n\nCREATE TABLE `db` (\n  `Host` char(255)\n);\n\n--\n-- Dumping data for table `db`\n--\n\nINSERT INTO `db` VALUES ('%');\n"
                    .utf8)
            + fixtures[0].dump
        #expect(RowCountingFixture.count(MySQLInsertRowCounter(database: nil), dump, pieces: [dump.count]) == fixtures[0].counts)
        #expect(RowCountingFixture.count(MySQLInsertRowCounter(database: "mysql"), dump, pieces: [dump.count])["mysql.db"] == 1)
    }
}
