import BaktainerCore
import Testing

@Suite struct FreeSpaceGuardTests {
    @Test(arguments: [
        ("1024", FreeSpaceGuard.Minimum.bytes(1024)), ("500M", .bytes(500 << 20)), ("2G", .bytes(2 << 30)), ("2gb", .bytes(2 << 30)),
        ("1.5GiB", .bytes(3 << 29)), ("1T", .bytes(1 << 40)), ("64 KiB", .bytes(64 << 10)), ("0", .bytes(0)), ("10%", .percent(10)),
        ("2.5%", .percent(2.5)),
    ])
    func parsesSizesAndShares(_ text: String, _ expected: FreeSpaceGuard.Minimum) {
        #expect(FreeSpaceGuard(text)?.minimum == expected)
    }

    @Test(arguments: ["", "lots", "-1G", "5X", "100%", "G", "1e30"])
    func refusesWhatIsNotASize(_ text: String) {
        #expect(FreeSpaceGuard(text) == nil)
    }

    @Test func comparesAgainstTheVolume() throws {
        let bytes = try #require(FreeSpaceGuard("1M"))
        #expect(bytes.isSatisfied(available: 1 << 20, total: 1 << 30))
        #expect(!bytes.isSatisfied(available: (1 << 20) - 1, total: 1 << 30))
        let share = try #require(FreeSpaceGuard("10%"))
        #expect(share.isSatisfied(available: 100, total: 1000))
        #expect(!share.isSatisfied(available: 99, total: 1000))
    }

    @Test func malformedSettingNamesTheVariable() throws {
        #expect { try FreeSpaceGuard(configuration: ConfigurationValues(environment: ["BT_MIN_FREE_SPACE": "plenty"])) } throws: { error in
            (error as? ConfigurationError)?.setting == "BT_MIN_FREE_SPACE"
        }
        #expect(try FreeSpaceGuard(configuration: ConfigurationValues(environment: [:])) == nil)
    }
}
