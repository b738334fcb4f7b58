#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where backup files go, kept from the Ruby tool: `<root>/YYYY-MM-DD/<name>-<unix seconds>.<ext>` (UTC date).
package struct BackupLayout: Sendable, Equatable {
    /// The backup directory (`BT_BACKUP_DIR`).
    package var root: String

    /// Creates a layout under `root`.
    package init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// The day directory for `date`.
    package func directory(for date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(root)/\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// The file path for a backup named `name` with extension `fileExtension` taken at `date`.
    package func path(name: String, fileExtension: String, date: Date) -> String {
        "\(directory(for: date))/\(name)-\(Int(date.timeIntervalSince1970)).\(fileExtension)"
    }

    /// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day) (H. Hinnant's algorithm).
    static func civilDate(daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
