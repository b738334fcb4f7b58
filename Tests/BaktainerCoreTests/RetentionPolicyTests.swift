import BaktainerCore
import Foundation
import Testing

/// One policy × backups → kept set. Backups are ``RetentionFixture`` tokens; `kept` lists the tokens that stay.
struct RetentionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var policy: RetentionPolicy
    var now = "2024-06-15 12:00"
    var timeZone = "UTC"
    var backups: [String]
    var kept: [String]

    var testDescription: String { name }
}

@Suite struct RetentionPolicyTests {
    static let cases: [RetentionCase] = [
        // keep-last
        RetentionCase(
            name: "empty policy keeps everything", policy: RetentionPolicy(),
            backups: ["2024-06-15 10:00", "2023-01-01 00:00", "2010-05-05 05:05"],
            kept: ["2024-06-15 10:00", "2023-01-01 00:00", "2010-05-05 05:05"]),
        RetentionCase(
            name: "rules set to 0 are off: keeps everything", policy: RetentionPolicy(keepLast: 0, keepDaily: 0),
            backups: ["2024-06-15 10:00", "2024-06-14 10:00"], kept: ["2024-06-15 10:00", "2024-06-14 10:00"]),
        RetentionCase(
            name: "keep-last 1", policy: RetentionPolicy(keepLast: 1),
            backups: ["2024-06-13 10:00", "2024-06-15 10:00", "2024-06-14 10:00"], kept: ["2024-06-15 10:00"]),
        RetentionCase(
            name: "keep-last 3 of 5", policy: RetentionPolicy(keepLast: 3),
            backups: ["2024-06-15 10:00", "2024-06-15 09:00", "2024-06-15 08:00", "2024-06-15 07:00", "2024-06-15 06:00"],
            kept: ["2024-06-15 10:00", "2024-06-15 09:00", "2024-06-15 08:00"]),
        RetentionCase(
            name: "keep-last larger than the stream", policy: RetentionPolicy(keepLast: 10),
            backups: ["2024-06-15 10:00", "2024-06-14 10:00"], kept: ["2024-06-15 10:00", "2024-06-14 10:00"]),
        RetentionCase(name: "no backups, no plan", policy: RetentionPolicy(keepLast: 1), backups: [], kept: []),
        // buckets
        RetentionCase(
            name: "hourly keeps the newest of each hour", policy: RetentionPolicy(keepHourly: 2),
            backups: ["2024-06-15 11:50", "2024-06-15 11:10", "2024-06-15 10:45", "2024-06-15 10:05", "2024-06-15 09:30"],
            kept: ["2024-06-15 11:50", "2024-06-15 10:45"]),
        RetentionCase(
            name: "daily keeps the newest of each day", policy: RetentionPolicy(keepDaily: 2),
            backups: ["2024-06-14 20:00", "2024-06-14 08:00", "2024-06-13 10:00", "2024-06-12 10:00"],
            kept: ["2024-06-14 20:00", "2024-06-13 10:00"]),
        RetentionCase(
            name: "daily counts days that have backups, not calendar days", policy: RetentionPolicy(keepDaily: 3),
            backups: ["2024-06-15 01:00", "2024-06-10 01:00", "2024-06-01 01:00", "2024-05-20 01:00"],
            kept: ["2024-06-15 01:00", "2024-06-10 01:00", "2024-06-01 01:00"]),
        RetentionCase(
            name: "weekly uses ISO weeks starting Monday", policy: RetentionPolicy(keepWeekly: 2),
            backups: ["2024-06-10 09:00", "2024-06-09 09:00", "2024-06-08 09:00", "2024-06-05 09:00"],
            kept: ["2024-06-10 09:00", "2024-06-09 09:00"]),
        RetentionCase(
            name: "monthly keeps the newest of each month", policy: RetentionPolicy(keepMonthly: 2),
            backups: ["2024-06-14 00:00", "2024-06-01 00:00", "2024-05-31 23:00", "2024-05-02 00:00", "2024-04-30 00:00"],
            kept: ["2024-06-14 00:00", "2024-05-31 23:00"]),
        RetentionCase(
            name: "yearly keeps the newest of each year", policy: RetentionPolicy(keepYearly: 2),
            backups: ["2024-06-01 00:00", "2024-01-01 00:00", "2023-12-31 23:59", "2023-06-01 00:00", "2022-01-01 00:00"],
            kept: ["2024-06-01 00:00", "2023-12-31 23:59"]),
        RetentionCase(
            name: "yearly 1 keeps only the newest", policy: RetentionPolicy(keepYearly: 1),
            backups: ["2024-06-01 00:00", "2023-06-01 00:00", "2022-06-01 00:00"], kept: ["2024-06-01 00:00"]),
        RetentionCase(
            name: "daily larger than the number of days keeps one per day", policy: RetentionPolicy(keepDaily: 30),
            backups: ["2024-06-15 09:00", "2024-06-15 03:00", "2024-06-14 09:00", "2024-06-14 03:00"],
            kept: ["2024-06-15 09:00", "2024-06-14 09:00"]),
        // combined
        RetentionCase(
            name: "GFS: last 1, daily 2, weekly 2, monthly 2", policy: RetentionPolicy(keepLast: 1, keepDaily: 2, keepWeekly: 2, keepMonthly: 2),
            backups: [
                "2024-06-15 11:00", "2024-06-15 05:00", "2024-06-14 11:00", "2024-06-13 11:00", "2024-06-09 11:00",
                "2024-06-02 11:00", "2024-05-31 11:00", "2024-05-15 11:00", "2024-04-30 11:00",
            ],
            kept: ["2024-06-15 11:00", "2024-06-14 11:00", "2024-06-09 11:00", "2024-05-31 11:00"]),
        RetentionCase(
            name: "hourly and daily overlap, union kept", policy: RetentionPolicy(keepHourly: 2, keepDaily: 2),
            backups: ["2024-06-15 11:30", "2024-06-15 11:00", "2024-06-15 10:30", "2024-06-15 09:30", "2024-06-14 23:00", "2024-06-14 22:00"],
            kept: ["2024-06-15 11:30", "2024-06-15 10:30", "2024-06-14 23:00"]),
        RetentionCase(
            name: "keep-within and keep-last are a union", policy: RetentionPolicy(keepLast: 3, keepWithin: .seconds(7_200)),
            backups: ["2024-06-15 11:55", "2024-06-15 11:50", "2024-06-15 11:45", "2024-06-15 11:40", "2024-06-15 09:00", "2024-06-14 09:00"],
            kept: ["2024-06-15 11:55", "2024-06-15 11:50", "2024-06-15 11:45", "2024-06-15 11:40"]),
        // keep-within
        RetentionCase(
            name: "keep-within 1d includes the boundary", policy: RetentionPolicy(keepWithin: .seconds(86_400)),
            backups: ["2024-06-15 11:00", "2024-06-14 12:00", "2024-06-14 11:59"], kept: ["2024-06-15 11:00", "2024-06-14 12:00"]),
        RetentionCase(
            name: "keep-within 30d", policy: RetentionPolicy(keepWithin: .seconds(30 * 86_400)),
            backups: ["2024-06-10 00:00", "2024-05-20 00:00", "2024-05-16 12:00", "2024-05-16 11:59", "2024-04-01 00:00"],
            kept: ["2024-06-10 00:00", "2024-05-20 00:00", "2024-05-16 12:00"]),
        // time zones
        RetentionCase(
            name: "UTC: 23:30 and 00:30 are different days", policy: RetentionPolicy(keepDaily: 2),
            backups: ["2024-06-15 00:30", "2024-06-14 23:30", "2024-06-14 10:00"], kept: ["2024-06-15 00:30", "2024-06-14 23:30"]),
        RetentionCase(
            name: "UTC: 21:30Z and 22:30Z share a day", policy: RetentionPolicy(keepDaily: 2),
            backups: ["2024-06-14 22:30", "2024-06-14 21:30", "2024-06-13 10:00"], kept: ["2024-06-14 22:30", "2024-06-13 10:00"]),
        RetentionCase(
            name: "Europe/Berlin: 21:30Z and 22:30Z straddle local midnight", policy: RetentionPolicy(keepDaily: 2), timeZone: "Europe/Berlin",
            backups: ["2024-06-14 22:30", "2024-06-14 21:30", "2024-06-13 10:00"], kept: ["2024-06-14 22:30", "2024-06-14 21:30"]),
        RetentionCase(
            name: "America/New_York: 02:00Z belongs to the previous local day", policy: RetentionPolicy(keepDaily: 2), timeZone: "America/New_York",
            backups: ["2024-06-15 05:00", "2024-06-15 02:00", "2024-06-14 20:00"], kept: ["2024-06-15 05:00", "2024-06-15 02:00"]),
        RetentionCase(
            name: "UTC counterpart of the New York case", policy: RetentionPolicy(keepDaily: 2),
            backups: ["2024-06-15 05:00", "2024-06-15 02:00", "2024-06-14 20:00"], kept: ["2024-06-15 05:00", "2024-06-14 20:00"]),
        RetentionCase(
            name: "UTC hourly ignores the US fall-back night", policy: RetentionPolicy(keepHourly: 2), now: "2024-11-03 12:00",
            backups: ["2024-11-03 06:30", "2024-11-03 05:30", "2024-11-03 04:30"], kept: ["2024-11-03 06:30", "2024-11-03 05:30"]),
        RetentionCase(
            name: "New York hourly: the repeated 01:xx hour is one period", policy: RetentionPolicy(keepHourly: 2), now: "2024-11-03 12:00",
            timeZone: "America/New_York",
            backups: ["2024-11-03 06:30", "2024-11-03 05:30", "2024-11-03 04:30"], kept: ["2024-11-03 06:30", "2024-11-03 04:30"]),
        RetentionCase(
            name: "ISO week: Mon 30 Dec 2024 is 2025-W01, Sun 29 Dec is 2024-W52", policy: RetentionPolicy(keepWeekly: 2), now: "2025-01-03 00:00",
            backups: ["2025-01-02 10:00", "2024-12-30 10:00", "2024-12-29 10:00", "2024-12-23 10:00"],
            kept: ["2025-01-02 10:00", "2024-12-29 10:00"]),
        RetentionCase(
            name: "ISO week 53: 31 Dec 2020 and 3 Jan 2021 share 2020-W53", policy: RetentionPolicy(keepWeekly: 2), now: "2021-01-05 00:00",
            backups: ["2021-01-04 10:00", "2021-01-03 10:00", "2020-12-31 10:00"], kept: ["2021-01-04 10:00", "2021-01-03 10:00"]),
        RetentionCase(
            name: "yearly splits what the ISO week joins", policy: RetentionPolicy(keepYearly: 2), now: "2025-01-03 00:00",
            backups: ["2025-01-02 10:00", "2024-12-30 10:00", "2024-12-29 10:00"], kept: ["2025-01-02 10:00", "2024-12-30 10:00"]),
        // safeguards
        RetentionCase(
            name: "a policy that keeps nothing still keeps the newest", policy: RetentionPolicy(keepWithin: .seconds(3_600)),
            backups: ["2024-06-10 00:00", "2024-06-01 00:00", "2024-05-01 00:00"], kept: ["2024-06-10 00:00"]),
        RetentionCase(
            name: "a single old backup is never deleted", policy: RetentionPolicy(keepWithin: .seconds(60)),
            backups: ["2020-01-01 00:00"], kept: ["2020-01-01 00:00"]),
        RetentionCase(
            name: "future backups are kept and fill no slot", policy: RetentionPolicy(keepLast: 1),
            backups: ["2024-06-16 10:00", "2024-06-15 10:00", "2024-06-14 10:00"], kept: ["2024-06-16 10:00", "2024-06-15 10:00"]),
        RetentionCase(
            name: "only future backups: all kept", policy: RetentionPolicy(keepLast: 1),
            backups: ["2024-06-17 10:00", "2024-06-16 10:00"], kept: ["2024-06-17 10:00", "2024-06-16 10:00"]),
        RetentionCase(
            name: "future backups do not use up daily periods", policy: RetentionPolicy(keepDaily: 1),
            backups: ["2030-01-01 00:00", "2024-06-15 09:00", "2024-06-15 08:00"], kept: ["2030-01-01 00:00", "2024-06-15 09:00"]),
        RetentionCase(
            name: "duplicates in the same second: keep-last 1 keeps one, by path", policy: RetentionPolicy(keepLast: 1),
            backups: ["2024-06-15 10:00#sql", "2024-06-15 10:00#sql.gz", "2024-06-14 10:00"], kept: ["2024-06-15 10:00#sql.gz"]),
        RetentionCase(
            name: "duplicates in the same second: daily keeps one", policy: RetentionPolicy(keepDaily: 2),
            backups: ["2024-06-15 10:00#sql", "2024-06-15 10:00#sql.gz", "2024-06-14 10:00"], kept: ["2024-06-15 10:00#sql.gz", "2024-06-14 10:00"]),
        RetentionCase(
            name: "duplicates in the same second: keep-last 2 keeps both", policy: RetentionPolicy(keepLast: 2),
            backups: ["2024-06-15 10:00#sql", "2024-06-15 10:00#sql.gz", "2024-06-14 10:00"], kept: ["2024-06-15 10:00#sql", "2024-06-15 10:00#sql.gz"]),
        // streams
        RetentionCase(
            name: "each stream keeps its own newest", policy: RetentionPolicy(keepLast: 1),
            backups: [
                "db|2024-06-15 10:00", "db|2024-06-14 10:00", "db/hourly|2024-06-15 11:00", "db/hourly|2024-06-15 10:00",
                "other|2024-01-01 00:00", "other|2023-01-01 00:00",
            ],
            kept: ["db|2024-06-15 10:00", "db/hourly|2024-06-15 11:00", "other|2024-01-01 00:00"]),
        RetentionCase(
            name: "a busy stream does not crowd out a quiet one", policy: RetentionPolicy(keepLast: 2),
            backups: ["db|2024-06-15 10:00", "db|2024-06-15 09:00", "db|2024-06-15 08:00", "other|2024-01-01 00:00"],
            kept: ["db|2024-06-15 10:00", "db|2024-06-15 09:00", "other|2024-01-01 00:00"]),
        RetentionCase(
            name: "daily per stream: hourly stream's backups do not take the default stream's days", policy: RetentionPolicy(keepDaily: 1),
            backups: ["db/hourly|2024-06-15 11:00", "db|2024-06-15 00:00", "db|2024-06-14 00:00"],
            kept: ["db/hourly|2024-06-15 11:00", "db|2024-06-15 00:00"]),
    ]

    @Test(arguments: cases)
    func keepsTheExpectedBackups(_ example: RetentionCase) throws {
        let timeZone = try #require(TimeZone(identifier: example.timeZone))
        let entries = example.backups.map(RetentionFixture.entry)
        let plan = example.policy.plan(existing: entries, now: RetentionFixture.date(example.now), timeZone: timeZone)
        let expected = Set(example.kept.map { RetentionFixture.entry($0).location })
        #expect(Set(plan.keep.map(\.entry.location)) == expected)
        #expect(Set(plan.delete.map(\.location)) == Set(entries.map(\.location)).subtracting(expected))
        #expect(plan.keep.count + plan.delete.count == entries.count)
        #expect(plan.keep.allSatisfy { !$0.reasons.isEmpty })
    }

    @Test func recordsEveryRuleThatKeepsABackup() {
        let entries = ["2024-06-15 11:00", "2024-06-14 11:00", "2024-05-31 11:00", "2024-05-01 11:00"].map(RetentionFixture.entry)
        let plan = RetentionPolicy(keepLast: 1, keepDaily: 3, keepMonthly: 2, keepWithin: .seconds(2 * 86_400))
            .plan(existing: entries, now: RetentionFixture.date("2024-06-15 12:00"))
        let reasons = plan.reasonsByPath.mapValues { $0.map(\.description) }
        #expect(reasons[entries[0].location] == ["last #1", "daily #1", "monthly #1", "within"])
        #expect(reasons[entries[1].location] == ["daily #2", "within"])
        #expect(reasons[entries[2].location] == ["daily #3", "monthly #2"])
        #expect(plan.delete.map(\.location) == [entries[3].location])
    }

    @Test func safeguardsSayWhyTheyKept() {
        let entries = ["2024-06-20 00:00", "2024-06-10 00:00", "2024-06-01 00:00"].map(RetentionFixture.entry)
        let plan = RetentionPolicy(keepWithin: .seconds(60)).plan(existing: entries, now: RetentionFixture.date("2024-06-15 12:00"))
        #expect(plan.keep.map(\.reasons) == [[RetentionReason(.future)], [RetentionReason(.newest)]])
        #expect(RetentionPolicy().plan(existing: entries, now: .distantPast).keep.map(\.reasons).allSatisfy { $0 == [RetentionReason(.noPolicy)] })
    }

    @Test func planDoesNotDependOnInputOrder() {
        let entries = ["2024-06-15 10:00#sql", "2024-06-15 10:00#sql.gz", "2024-06-14 10:00", "x|2024-06-14 10:00", "2024-06-01 00:00"].map(
            RetentionFixture.entry)
        let policy = RetentionPolicy(keepLast: 1, keepDaily: 2)
        let now = RetentionFixture.date("2024-06-15 12:00")
        let reference = policy.plan(existing: entries, now: now)
        for _ in 0..<20 {
            #expect(policy.plan(existing: entries.shuffled(), now: now) == reference)
        }
        #expect(reference.keep.map(\.entry.stream.description) == ["db", "db", "x"])
    }

    @Test func perStreamPoliciesApplyToTheirStreamOnly() {
        let entries = ["db|2024-06-15 10:00", "db|2024-06-15 09:00", "db/hourly|2024-06-15 10:00", "db/hourly|2024-06-15 09:00"].map(RetentionFixture.entry)
        let plan = RetentionPlan(existing: entries, now: RetentionFixture.date("2024-06-15 12:00")) { stream in
            stream.schedule == "hourly" ? RetentionPolicy(keepLast: 5) : RetentionPolicy(keepLast: 1)
        }
        #expect(plan.delete.map(\.location) == [entries[1].location])
    }

    @Test func twoContainersSharingABackupNameNeverPruneEachOther() {
        // Two compose stacks both label their database `db`: two containers, one backup name.
        var first = RetentionFixture.record(backupName: "db", schedule: nil, date: RetentionFixture.date("2024-06-15 10:00"))
        first.container = "stack-a-db-1"
        var second = RetentionFixture.record(backupName: "db", schedule: nil, date: RetentionFixture.date("2024-06-15 10:05"))
        second.container = "stack-b-db-1"
        var older = RetentionFixture.record(backupName: "db", schedule: nil, date: RetentionFixture.date("2024-06-14 10:00"))
        older.container = "stack-a-db-1"
        let entries = [first, second, older].map { CatalogEntry(key: RetentionFixture.key($0.file), location: $0.file, record: $0) }
        let plan = RetentionPolicy(keepLast: 1).plan(existing: entries, now: RetentionFixture.date("2024-06-15 12:00"))
        #expect(Set(plan.keep.map(\.entry.record.container)) == ["stack-a-db-1", "stack-b-db-1"])
        #expect(plan.keep.map(\.entry.location).sorted() == [first.file, second.file].sorted())
        #expect(plan.delete.map(\.location) == [older.file])
    }

    @Test func backupsOfOneSecondAreOrderedBySequence() {
        let base = RetentionFixture.record(backupName: "db", schedule: nil, date: RetentionFixture.date("2024-06-15 10:00"))
        let entries = [1, 2, 10].map { sequence in
            var record = base
            let key = RetentionFixture.key(base.file).sequenced(sequence) ?? RetentionFixture.key(base.file)
            record.file = "/backups/\(key.rawValue)"
            return CatalogEntry(key: key, location: record.file, record: record)
        }
        let plan = RetentionPolicy(keepLast: 1).plan(existing: entries.shuffled(), now: RetentionFixture.date("2024-06-15 12:00"))
        #expect(plan.keep.map(\.entry.fileName) == ["db-1718445600_10.sql"])
    }
}
