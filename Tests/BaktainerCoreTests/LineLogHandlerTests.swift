import BaktainerCore
import Foundation
import Logging
import Synchronization
import Testing

@Suite struct LineLogHandlerTests {
    /// The lines a logger wrote.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    private func logger(_ format: LogSettings.Format, into lines: Lines) -> Logger {
        LineLogHandler.logger(label: "test", settings: LogSettings(format: format)) { line in lines.lines.withLock { $0.append(line) } }
    }

    @Test func jsonLinesKeepNumbersAndBooleansTyped() throws {
        let lines = Lines()
        logger(.json, into: lines).info(
            "backup finished",
            metadata: ["bytes": .stringConvertible(1234), "seconds": .stringConvertible(1.5), "encrypted": .stringConvertible(true), "container": "123"])
        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["bytes"] as? NSNumber)?.intValue == 1234)
        #expect((object["seconds"] as? NSNumber)?.doubleValue == 1.5)
        #expect(object["encrypted"] as? Bool == true)
        #expect(object["container"] as? String == "123", "a string that looks like a number stays a string")
        #expect(object["message"] as? String == "backup finished")
    }

    @Test func everyEventOfATargetNamesItsContainer() async throws {
        let lines = Lines()
        let log = BackupEventLog(logger: logger(.json, into: lines))
        let report = RestoreTestReport(target: "shop-db", file: "/b/x.sql", tables: 1, rows: 3, compared: true, durationSeconds: 1)
        await log.observe(.restoreTested(target: "shop-db", engine: "postgres", .success(report)), at: Date())
        await log.observe(
            .restoreTested(target: "shop-db", engine: "postgres", .failure(RestoreTestFailure(target: "shop-db", file: nil, message: "boom"))), at: Date())
        #expect(lines.all.count == 2)
        for line in lines.all {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["container"] as? String == "shop-db", "\(line)")
        }
        #expect(lines.all[0].contains("1 table, 3 rows restored"))
        #expect(lines.all[0].contains("\"rows\":3"))
    }
}
