import BaktainerCore
import Testing

@Suite struct CountedTests {
    @Test func countsTakeTheRightNumber() {
        #expect(1.counted("table") == "1 table")
        #expect(2.counted("table") == "2 tables")
        #expect(0.counted("backup") == "0 backups")
    }
}
