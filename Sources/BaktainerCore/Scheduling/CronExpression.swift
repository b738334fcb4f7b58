#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A cron expression: five fields (minute hour day-of-month month day-of-week) or six with a leading seconds
/// field; `*`, ranges `a-b`, steps `*/n`, `a-b/n`, `a/n`, lists, names (`JAN`–`DEC`, `SUN`–`SAT`), weekday 7 =
/// Sunday, and `@yearly` (`@annually`), `@monthly`, `@weekly`, `@daily` (`@midnight`), `@hourly`.
///
/// Vixie-cron semantics: when both day-of-month and day-of-week are restricted (neither starts with `*`), a
/// day matches if either does. Times are wall-clock times in the zone given to ``nextDate(after:in:)``, and
/// daylight-saving changes are handled the way cronie does:
/// - a time skipped when clocks jump forward (02:30 on the spring-forward night) fires once, at the first
///   instant after the jump (03:00);
/// - a time that occurs twice when clocks go back fires once (the first time) when the expression names its
///   hours; an expression with `*` hours fires on every real instant that matches, in both occurrences.
package struct CronExpression: Sendable, Equatable {
    private let seconds: UInt64
    private let minutes: UInt64
    private let hours: UInt64
    private let daysOfMonth: UInt64
    private let months: UInt64
    private let daysOfWeek: UInt64
    private let dayOfMonthIsStar: Bool
    private let dayOfWeekIsStar: Bool

    private static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    private static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// Parses `text`; throws a ``CronError`` naming the field and token at fault.
    package init(_ text: String) throws(CronError) {
        let trimmed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let expanded = trimmed.hasPrefix("@") ? Self.macros[trimmed.lowercased()] : trimmed
        guard let expanded else {
            throw CronError("cron expression '\(trimmed)': unknown macro; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly")
        }
        var fields = expanded.split(separator: " ").map(String.init)
        guard fields.count == 5 || fields.count == 6 else {
            throw CronError(
                "cron expression '\(trimmed)' has \(fields.count) fields; use five (minute hour day-of-month month day-of-week) or six (seconds first)")
        }
        if fields.count == 5 { fields.insert("0", at: 0) }
        func field(_ index: Int, _ name: String, _ range: ClosedRange<Int>, names: [String] = [], nameOffset: Int = 0) throws(CronError) -> UInt64 {
            do {
                return try Self.parseField(fields[index], range: range, names: names, nameOffset: nameOffset)
            } catch {
                throw CronError("cron expression '\(trimmed)': \(name) \(error.message)")
            }
        }
        seconds = try field(0, "second", 0...59)
        minutes = try field(1, "minute", 0...59)
        hours = try field(2, "hour", 0...23)
        daysOfMonth = try field(3, "day-of-month", 1...31)
        months = try field(4, "month", 1...12, names: Self.monthNames, nameOffset: 1)
        var weekdays = try field(5, "day-of-week", 0...7, names: Self.dayNames)
        if weekdays & (1 << 7) != 0 { weekdays = (weekdays | 1) & ~(1 << 7) }
        daysOfWeek = weekdays
        dayOfMonthIsStar = fields[3].hasPrefix("*")
        dayOfWeekIsStar = fields[5].hasPrefix("*")
    }

    /// Parses one field into a bit set over `range`.
    private static func parseField(_ text: String, range: ClosedRange<Int>, names: [String], nameOffset: Int) throws(CronError) -> UInt64 {
        func value(_ token: Substring) throws(CronError) -> Int {
            if let number = Int(token) {
                guard range.contains(number) else { throw CronError("'\(token)' is out of range \(range.lowerBound)-\(range.upperBound)") }
                return number
            }
            if let index = names.firstIndex(of: token.uppercased()) { return index + nameOffset }
            let allowed =
                names.isEmpty
                ? "a number \(range.lowerBound)-\(range.upperBound)"
                : "a number \(range.lowerBound)-\(range.upperBound) or a name (\(names.first!)…\(names.last!))"
            throw CronError("'\(token)' is not \(allowed)")
        }
        var bits: UInt64 = 0
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw CronError("'\(text)' has an empty list item") }
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw CronError("'\(item)' has more than one '/'") }
            var step = 1
            if parts.count == 2 {
                guard let parsed = Int(parts[1]), parsed > 0 else { throw CronError("'\(item)': the step '\(parts[1])' must be a whole number above 0") }
                step = parsed
            }
            let lower: Int
            let upper: Int
            if parts[0] == "*" {
                (lower, upper) = (range.lowerBound, range.upperBound)
            } else {
                let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2, !bounds.contains(where: \.isEmpty) else { throw CronError("'\(item)' is not a value, range or step") }
                lower = try value(bounds[0])
                upper = bounds.count == 2 ? try value(bounds[1]) : (parts.count == 2 ? range.upperBound : lower)
                guard lower <= upper else { throw CronError("'\(item)': the range runs backwards") }
            }
            for number in stride(from: lower, through: upper, by: step) { bits |= 1 << UInt64(number) }
        }
        return bits
    }

    /// The first fire time strictly after `date`, in wall-clock time of `timeZone`; nil when the expression
    /// does not fire within five years (e.g. `0 0 30 2 *`).
    package func nextDate(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let hoursAreStar = hours == (1 << 24) - 1
        let limit = date.addingTimeInterval(5 * 366 * 86_400)
        var instant = Date(timeIntervalSince1970: (date.timeIntervalSince1970 + 1).rounded(.down))
        var previous: Date?
        while instant <= limit {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: instant)
            let (hour, minute, second) = (parts.hour!, parts.minute!, parts.second!)
            // Clocks jumped forward since the previous candidate: fire once for a time the jump skipped.
            if let previous, !hoursAreStar, timeZone.secondsFromGMT(for: instant) > timeZone.secondsFromGMT(for: previous),
                matchesDay(parts), skippedHourMatches(from: calendar.component(.hour, from: previous), to: hour)
            {
                return instant
            }
            previous = instant
            if months & (1 << UInt64(parts.month!)) == 0 {
                guard let next = calendar.date(byAdding: .month, value: 1, to: calendar.startOfDay(for: instant)) else { return nil }
                instant =
                    calendar.date(from: DateComponents(year: calendar.component(.year, from: next), month: calendar.component(.month, from: next), day: 1)).map(
                        calendar.startOfDay(for:)) ?? next
                previous = nil
                continue
            }
            if !matchesDay(parts) {
                guard let next = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: instant)) else { return nil }
                instant = calendar.startOfDay(for: next)
                previous = nil
                continue
            }
            let startOfMinute = instant.addingTimeInterval(-Double(second))
            if hours & (1 << UInt64(hour)) == 0 || (!hoursAreStar && isRepeatedWallTime(instant, in: timeZone)) {
                instant = startOfMinute.addingTimeInterval(Double(3600 - minute * 60))
                continue
            }
            if minutes & (1 << UInt64(minute)) == 0 {
                instant = startOfMinute.addingTimeInterval(60)
                continue
            }
            if seconds & (1 << UInt64(second)) == 0 {
                guard let nextSecond = (second + 1..<60).first(where: { seconds & (1 << UInt64($0)) != 0 }) else {
                    instant = startOfMinute.addingTimeInterval(60)
                    continue
                }
                instant = startOfMinute.addingTimeInterval(Double(nextSecond))
                continue
            }
            return instant
        }
        return nil
    }

    private func matchesDay(_ parts: DateComponents) -> Bool {
        let dayOfMonth = daysOfMonth & (1 << UInt64(parts.day!)) != 0
        let dayOfWeek = daysOfWeek & (1 << UInt64(parts.weekday! - 1)) != 0
        switch (dayOfMonthIsStar, dayOfWeekIsStar) {
        case (true, true): return true
        case (false, true): return dayOfMonth
        case (true, false): return dayOfWeek
        case (false, false): return dayOfMonth || dayOfWeek
        }
    }

    /// Whether an hour strictly between `from` and `to` (wrapping at midnight), skipped by a jump, is one of ours.
    private func skippedHourMatches(from: Int, to: Int) -> Bool {
        var hour = (from + 1) % 24
        while hour != to {
            if hours & (1 << UInt64(hour)) != 0 { return true }
            hour = (hour + 1) % 24
        }
        return false
    }

    /// Whether the wall time of `instant` already happened once before (the second pass after clocks went back).
    private func isRepeatedWallTime(_ instant: Date, in timeZone: TimeZone) -> Bool {
        let shift = timeZone.secondsFromGMT(for: instant.addingTimeInterval(-7200)) - timeZone.secondsFromGMT(for: instant)
        guard shift > 0 else { return false }
        let earlier = instant.addingTimeInterval(-Double(shift))
        return timeZone.secondsFromGMT(for: earlier) - timeZone.secondsFromGMT(for: instant) == shift
    }
}
