#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which backups of a stream to keep, with restic's `forget` rules. A rule that is nil (or 0) is off; a policy
/// with every rule off keeps everything.
///
/// - `keepLast`: the N newest backups.
/// - `keepHourly` … `keepYearly`: walking newest → oldest, the newest backup of each distinct hour / day / ISO week
///   / month / year (in the plan's time zone) until N periods have one.
/// - `keepWithin`: every backup at most this old relative to `now` (boundary included, as restic does).
///
/// A backup is kept if any rule keeps it. Unlike restic, `keepWithin` is measured from `now`, not from the newest
/// backup, and backups dated after `now` are always kept without filling a slot of another rule.
package struct RetentionPolicy: Sendable, Equatable {
    /// Keep the N newest.
    package var keepLast: Int?
    /// Keep the newest of each of the N most recent hours.
    package var keepHourly: Int?
    /// Keep the newest of each of the N most recent days.
    package var keepDaily: Int?
    /// Keep the newest of each of the N most recent ISO weeks (Monday first; week-year, so 29 Dec may be week 1).
    package var keepWeekly: Int?
    /// Keep the newest of each of the N most recent months.
    package var keepMonthly: Int?
    /// Keep the newest of each of the N most recent years.
    package var keepYearly: Int?
    /// Keep everything at most this old.
    package var keepWithin: Duration?

    /// Creates a policy; every rule defaults to off.
    package init(
        keepLast: Int? = nil, keepHourly: Int? = nil, keepDaily: Int? = nil, keepWeekly: Int? = nil,
        keepMonthly: Int? = nil, keepYearly: Int? = nil, keepWithin: Duration? = nil
    ) {
        self.keepLast = keepLast
        self.keepHourly = keepHourly
        self.keepDaily = keepDaily
        self.keepWeekly = keepWeekly
        self.keepMonthly = keepMonthly
        self.keepYearly = keepYearly
        self.keepWithin = keepWithin
    }

    /// True when no rule is on: such a policy keeps everything.
    package var isEmpty: Bool {
        [keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly].allSatisfy { ($0 ?? 0) <= 0 }
            && (keepWithin ?? .zero) <= .zero
    }

    /// The plan for `existing` with this policy for every stream (entries are grouped per stream; see
    /// ``RetentionPlan/init(existing:now:timeZone:policy:)``).
    package func plan(existing: [CatalogEntry], now: Date, timeZone: TimeZone = .gmt) -> RetentionPlan {
        RetentionPlan(existing: existing, now: now, timeZone: timeZone) { _ in self }
    }

    /// Judges the backups of one stream.
    func planStream(_ entries: [CatalogEntry], now: Date, timeZone: TimeZone) -> RetentionPlan {
        let sorted = entries.sorted { $0.isNewer(than: $1) }
        guard !isEmpty else {
            return RetentionPlan(keep: sorted.map { .init(entry: $0, reasons: [RetentionReason(.noPolicy)]) })
        }
        var reasons = [[RetentionReason]](repeating: [], count: sorted.count)
        let past = sorted.indices.filter { sorted[$0].date <= now }
        for index in sorted.indices where sorted[index].date > now {
            reasons[index].append(RetentionReason(.future))
        }

        if let count = keepLast, count > 0 {
            for (slot, index) in past.prefix(count).enumerated() {
                reasons[index].append(RetentionReason(.last, slot + 1))
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        let periods = past.map { calendar.dateComponents([.year, .month, .day, .hour, .weekOfYear, .yearForWeekOfYear], from: sorted[$0].date) }
        let buckets: [(RetentionReason.Rule, Int?, (DateComponents) -> [Int?])] = [
            (.hourly, keepHourly, { [$0.year, $0.month, $0.day, $0.hour] }),
            (.daily, keepDaily, { [$0.year, $0.month, $0.day] }),
            (.weekly, keepWeekly, { [$0.yearForWeekOfYear, $0.weekOfYear] }),
            (.monthly, keepMonthly, { [$0.year, $0.month] }),
            (.yearly, keepYearly, { [$0.year] }),
        ]
        for (rule, count, period) in buckets {
            guard let count, count > 0 else { continue }
            var last: [Int?]?
            var kept = 0
            for (position, index) in past.enumerated() where kept < count {
                let key = period(periods[position])
                guard key != last else { continue }
                last = key
                kept += 1
                reasons[index].append(RetentionReason(rule, kept))
            }
        }
        if let within = keepWithin, within > .zero {
            let limit = within.timeInterval
            for index in past where now.timeIntervalSince(sorted[index].date) <= limit {
                reasons[index].append(RetentionReason(.within))
            }
        }
        if let newest = past.first, reasons[newest].isEmpty {
            reasons[newest].append(RetentionReason(.newest))
        }

        var plan = RetentionPlan()
        for (index, entry) in sorted.enumerated() {
            if reasons[index].isEmpty {
                plan.delete.append(entry)
            } else {
                plan.keep.append(.init(entry: entry, reasons: reasons[index]))
            }
        }
        return plan
    }
}
