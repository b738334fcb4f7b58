#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Names one backup inside a storage: `YYYY-MM-DD/<name>-<unix seconds>.<ext>` (the UTC day of the dump), the
/// same in every destination. Records name their backup by key, not by path. When that key is taken (another
/// backup of the same name in the same second), the storage writes the next free ``sequenced(_:)`` key instead:
/// `<name>-<unix seconds>_2.<ext>`, `_3`, …
package struct BackupKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The key, e.g. `2026-11-25/shop-db-1795583298.sql.zst`.
    package var rawValue: String

    /// Wraps a key.
    package init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The key of a backup named `name` with extension `fileExtension` taken at `date`.
    package init(name: String, fileExtension: String, date: Date) {
        self.init("\(Self.day(of: date))/\(name)-\(Int(date.timeIntervalSince1970.rounded(.down))).\(fileExtension)")
    }

    /// This key with `_<sequence>` after its seconds (`sequence` ≥ 2), e.g. `2026-11-25/shop-db-1795583298_2.sql.zst`;
    /// nil when the key is not a backup file name (``BackupFileName``).
    package func sequenced(_ sequence: Int) -> BackupKey? {
        guard var parsed = BackupFileName(fileName) else { return nil }
        parsed.sequence = sequence
        return BackupKey(day.map { "\($0)/\(parsed.fileName)" } ?? parsed.fileName)
    }

    /// The file name (the last component).
    package var fileName: String { rawValue.split(separator: "/").last.map(String.init) ?? rawValue }

    /// Whether the key is `YYYY-MM-DD/<backup file name>`: the only keys retention and deletion ever touch.
    package var isBackupFile: Bool {
        guard let day else { return false }
        return BackupFileName.isDateDirectoryName(day) && BackupFileName(fileName) != nil
    }

    /// The day folder (`YYYY-MM-DD`), when the key has one.
    package var day: String? {
        let parts = rawValue.split(separator: "/")
        return parts.count == 2 ? String(parts[0]) : nil
    }

    package var description: String { rawValue }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `YYYY-MM-DD` of `date` in UTC.
    package static func day(of date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
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
