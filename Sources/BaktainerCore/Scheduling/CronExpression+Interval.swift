#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension CronExpression {
    /// Seconds between the two fire times that follow `date` (a day for `0 0 * * *`): the scale by which
    /// freshness is judged. A day when the expression never fires twice.
    package func interval(near date: Date, in timeZone: TimeZone) -> TimeInterval {
        guard let first = nextDate(after: date, in: timeZone), let second = nextDate(after: first, in: timeZone) else { return 86_400 }
        return second.timeIntervalSince(first)
    }
}
