import BaktainerCore
import Foundation
import Testing

/// A cron conformance table: UTC cases cross-checked with python-croniter, daylight-saving cases worked out by
/// hand from the zones' 2026 rules (Europe/Berlin: 29 Mar 01:00Z, 25 Oct 01:00Z; America/New_York: 8 Mar
/// 07:00Z, 1 Nov 06:00Z; Australia/Sydney: 5 Apr (16:00Z on the 4th) back, 4 Oct (16:00Z on the 3rd) forward).
@Suite struct CronExpressionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var expression: String
        var zone: String
        var after: String
        var expected: String?
        var testDescription: String { "\(expression) in \(zone) after \(after)" }
    }

    static func date(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static let table: [Case] = [
        Case(expression: "* * * * *", zone: "UTC", after: "2026-01-01T00:00:00Z", expected: "2026-01-01T00:01:00Z"),
        Case(expression: "*/15 * * * *", zone: "UTC", after: "2026-01-01T00:14:59Z", expected: "2026-01-01T00:15:00Z"),
        Case(expression: "0 * * * *", zone: "UTC", after: "2026-01-01T00:00:00Z", expected: "2026-01-01T01:00:00Z"),
        Case(expression: "30 2 * * *", zone: "UTC", after: "2026-01-01T03:00:00Z", expected: "2026-01-02T02:30:00Z"),
        Case(expression: "0 0 * * *", zone: "UTC", after: "2026-12-31T23:59:59Z", expected: "2027-01-01T00:00:00Z"),
        Case(expression: "0 0 1 * *", zone: "UTC", after: "2026-01-31T12:00:00Z", expected: "2026-02-01T00:00:00Z"),
        Case(expression: "0 0 1 1 *", zone: "UTC", after: "2026-06-15T00:00:00Z", expected: "2027-01-01T00:00:00Z"),
        Case(expression: "0 0 * * 0", zone: "UTC", after: "2026-11-25T10:00:00Z", expected: "2026-11-29T00:00:00Z"),
        Case(expression: "0 0 * * 7", zone: "UTC", after: "2026-11-25T10:00:00Z", expected: "2026-11-29T00:00:00Z"),
        Case(expression: "0 9 * * MON-FRI", zone: "UTC", after: "2026-11-27T10:00:00Z", expected: "2026-11-30T09:00:00Z"),
        Case(expression: "0 9 * * mon,wed,fri", zone: "UTC", after: "2026-11-25T09:00:00Z", expected: "2026-11-27T09:00:00Z"),
        Case(expression: "0 12 * JAN,JUL *", zone: "UTC", after: "2026-02-01T00:00:00Z", expected: "2026-07-01T12:00:00Z"),
        Case(expression: "0 0 29 2 *", zone: "UTC", after: "2025-03-01T00:00:00Z", expected: "2028-02-29T00:00:00Z"),
        Case(expression: "0 0 31 * *", zone: "UTC", after: "2026-04-01T00:00:00Z", expected: "2026-05-31T00:00:00Z"),
        Case(expression: "0 0 13 * 5", zone: "UTC", after: "2026-11-01T00:00:00Z", expected: "2026-11-06T00:00:00Z"),
        Case(expression: "0 0 1,15 * 1", zone: "UTC", after: "2026-11-25T00:00:00Z", expected: "2026-11-30T00:00:00Z"),
        Case(expression: "5-10/2 * * * *", zone: "UTC", after: "2026-01-01T00:07:00Z", expected: "2026-01-01T00:09:00Z"),
        Case(expression: "0 0-23/6 * * *", zone: "UTC", after: "2026-01-01T07:00:00Z", expected: "2026-01-01T12:00:00Z"),
        Case(expression: "15 14 1 * *", zone: "UTC", after: "2026-01-01T14:15:00Z", expected: "2026-02-01T14:15:00Z"),
        Case(expression: "0 4 8-14 * *", zone: "UTC", after: "2026-01-10T05:00:00Z", expected: "2026-01-11T04:00:00Z"),
        Case(expression: "23 0-20/2 * * *", zone: "UTC", after: "2026-01-01T20:23:00Z", expected: "2026-01-02T00:23:00Z"),
        Case(expression: "0 0 * * 1-5/2", zone: "UTC", after: "2026-11-25T12:00:00Z", expected: "2026-11-27T00:00:00Z"),
        Case(expression: "59 23 31 12 *", zone: "UTC", after: "2026-12-31T23:59:00Z", expected: "2027-12-31T23:59:00Z"),
        Case(expression: "0 0 1 */3 *", zone: "UTC", after: "2026-02-15T00:00:00Z", expected: "2026-04-01T00:00:00Z"),
        Case(expression: "10/20 * * * *", zone: "UTC", after: "2026-01-01T00:31:00Z", expected: "2026-01-01T00:50:00Z"),
        Case(expression: "0 0 * * SUN", zone: "UTC", after: "2026-12-27T00:00:00Z", expected: "2027-01-03T00:00:00Z"),
        Case(expression: "0 8 1 1 *", zone: "UTC", after: "2027-01-01T07:59:59Z", expected: "2027-01-01T08:00:00Z"),
        Case(expression: "*/5 * * * * *", zone: "UTC", after: "2026-01-01T00:00:03Z", expected: "2026-01-01T00:00:05Z"),
        Case(expression: "30 0 0 * * *", zone: "UTC", after: "2026-01-01T00:00:30Z", expected: "2026-01-02T00:00:30Z"),
        Case(expression: "0 */2 * * * *", zone: "UTC", after: "2026-01-01T00:00:00Z", expected: "2026-01-01T00:02:00Z"),
        Case(expression: "15,45 30 12 * * *", zone: "UTC", after: "2026-01-01T12:30:15Z", expected: "2026-01-01T12:30:45Z"),
        Case(expression: "@yearly", zone: "UTC", after: "2026-03-01T00:00:00Z", expected: "2027-01-01T00:00:00Z"),
        Case(expression: "@annually", zone: "UTC", after: "2026-03-01T00:00:00Z", expected: "2027-01-01T00:00:00Z"),
        Case(expression: "@monthly", zone: "UTC", after: "2026-03-01T00:00:00Z", expected: "2026-04-01T00:00:00Z"),
        Case(expression: "@weekly", zone: "UTC", after: "2026-11-25T00:00:00Z", expected: "2026-11-29T00:00:00Z"),
        Case(expression: "@daily", zone: "UTC", after: "2026-11-25T00:00:00Z", expected: "2026-11-26T00:00:00Z"),
        Case(expression: "@midnight", zone: "UTC", after: "2026-11-25T23:59:59Z", expected: "2026-11-26T00:00:00Z"),
        Case(expression: "@hourly", zone: "UTC", after: "2026-11-25T10:30:00Z", expected: "2026-11-25T11:00:00Z"),
        Case(expression: "0 0 30 2 *", zone: "UTC", after: "2026-01-01T00:00:00Z", expected: nil),
        Case(expression: "0 0 31 4,6,9,11 *", zone: "UTC", after: "2026-01-01T00:00:00Z", expected: nil),
        Case(expression: "0 9 * * *", zone: "Europe/Berlin", after: "2026-01-15T12:00:00Z", expected: "2026-01-16T08:00:00Z"),
        Case(expression: "0 9 * * *", zone: "Europe/Berlin", after: "2026-07-15T12:00:00Z", expected: "2026-07-16T07:00:00Z"),
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-03-28T12:00:00Z", expected: "2026-03-29T01:00:00Z"),
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-03-29T01:00:00Z", expected: "2026-03-30T00:30:00Z"),
        Case(expression: "0 2 * * *", zone: "Europe/Berlin", after: "2026-03-28T12:00:00Z", expected: "2026-03-29T01:00:00Z"),
        Case(expression: "0 3 * * *", zone: "Europe/Berlin", after: "2026-03-28T12:00:00Z", expected: "2026-03-29T01:00:00Z"),
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-10-24T12:00:00Z", expected: "2026-10-25T00:30:00Z"),
        Case(expression: "30 2 * * *", zone: "Europe/Berlin", after: "2026-10-25T00:30:00Z", expected: "2026-10-26T01:30:00Z"),
        Case(expression: "0 * * * *", zone: "Europe/Berlin", after: "2026-10-25T00:00:00Z", expected: "2026-10-25T01:00:00Z"),
        Case(expression: "*/30 * * * *", zone: "America/New_York", after: "2026-03-08T06:30:00Z", expected: "2026-03-08T07:00:00Z"),
        Case(expression: "30 2 * * *", zone: "America/New_York", after: "2026-03-07T12:00:00Z", expected: "2026-03-08T07:00:00Z"),
        Case(expression: "15 2 * * 0", zone: "America/New_York", after: "2026-03-01T12:00:00Z", expected: "2026-03-08T07:00:00Z"),
        Case(expression: "30 1 * * *", zone: "America/New_York", after: "2026-10-31T12:00:00Z", expected: "2026-11-01T05:30:00Z"),
        Case(expression: "30 1 * * *", zone: "America/New_York", after: "2026-11-01T05:30:00Z", expected: "2026-11-02T06:30:00Z"),
        Case(expression: "30 2 * * *", zone: "Australia/Sydney", after: "2026-10-03T00:00:00Z", expected: "2026-10-03T16:00:00Z"),
        Case(expression: "30 2 * * *", zone: "Australia/Sydney", after: "2026-04-04T00:00:00Z", expected: "2026-04-04T15:30:00Z"),
        Case(expression: "30 2 * * *", zone: "Australia/Sydney", after: "2026-04-04T15:30:00Z", expected: "2026-04-05T16:30:00Z"),
        Case(expression: "0 12 * * *", zone: "Asia/Kolkata", after: "2026-06-01T00:00:00Z", expected: "2026-06-01T06:30:00Z"),
    ]

    @Test(arguments: table)
    func nextFireTime(_ example: Case) throws {
        let expression = try CronExpression(example.expression)
        let zone = try #require(TimeZone(identifier: example.zone))
        #expect(expression.nextDate(after: Self.date(example.after), in: zone) == example.expected.map(Self.date))
    }

    /// Every fire time of `expression` in (from, to], in order.
    private func fires(_ expression: String, zone: String, from: String, to: String) throws -> [Date] {
        let cron = try CronExpression(expression)
        let zone = try #require(TimeZone(identifier: zone))
        var result: [Date] = []
        var cursor = Self.date(from)
        while let next = cron.nextDate(after: cursor, in: zone), next <= Self.date(to) {
            result.append(next)
            cursor = next
        }
        return result
    }

    @Test func hourlyFiresInBothPassesOfTheRepeatedHourButAFixedHourOnlyOnce() throws {
        #expect(
            try fires("0 * * * *", zone: "America/New_York", from: "2026-11-01T03:00:00Z", to: "2026-11-01T08:00:00Z")
                == ["2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"].map(Self.date))
        #expect(
            try fires("0 1 * * *", zone: "America/New_York", from: "2026-11-01T03:00:00Z", to: "2026-11-02T12:00:00Z")
                == ["2026-11-01T05:00:00Z", "2026-11-02T06:00:00Z"].map(Self.date))
        #expect(
            try fires("*/20 1 * * *", zone: "Europe/Berlin", from: "2026-10-24T22:00:00Z", to: "2026-10-25T03:00:00Z")
                == ["2026-10-24T23:00:00Z", "2026-10-24T23:20:00Z", "2026-10-24T23:40:00Z"].map(Self.date))
    }

    @Test func aSkippedTimeRunsOnceAndTheDayGoesOnNormally() throws {
        #expect(
            try fires("30 1,2,3 * * *", zone: "Europe/Berlin", from: "2026-03-28T23:00:00Z", to: "2026-03-29T02:00:00Z")
                == ["2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"].map(Self.date))
    }

    static let refused: [(String, String)] = [
        ("61 * * * *", "minute '61' is out of range 0-59"),
        ("* 24 * * *", "hour '24' is out of range 0-23"),
        ("* * 0 * *", "day-of-month '0' is out of range 1-31"),
        ("* * * 13 *", "month '13' is out of range 1-12"),
        ("* * * * 8", "day-of-week '8' is out of range 0-7"),
        ("* * * FOO *", "month 'FOO' is not a number 1-12 or a name (JAN…DEC)"),
        ("*/0 * * * *", "minute '*/0': the step '0' must be a whole number above 0"),
        ("5-1 * * * *", "minute '5-1': the range runs backwards"),
        ("0 22-2 * * *", "hour '22-2': the range runs backwards"),
        ("1,,2 * * * *", "minute '1,,2' has an empty list item"),
        ("a * * * *", "minute 'a' is not a number 0-59"),
        ("1-2-3 * * * *", "minute '1-2-3' is not a value, range or step"),
        ("1/2/3 * * * *", "minute '1/2/3' has more than one '/'"),
        ("60 * * * * *", "second '60' is out of range 0-59"),
    ]

    @Test(arguments: refused)
    func refusesWithTheFieldAndToken(_ example: (String, String)) {
        #expect(throws: CronError("cron expression '\(example.0)': \(example.1)")) { try CronExpression(example.0) }
    }

    @Test(arguments: ["* * * *", "* * * * * * *", "@fortnightly", ""])
    func refusesTheWrongShape(_ text: String) {
        #expect(throws: CronError.self) { try CronExpression(text) }
    }
}
