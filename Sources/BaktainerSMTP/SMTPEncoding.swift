#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The text encodings of a message on the wire: header words (RFC 2047), the date (RFC 5322), quoted-printable
/// bodies (RFC 2045) and the dot-stuffed DATA section (RFC 5321 4.5.2). Pure functions.
package enum SMTPEncoding {
    /// `text` as the value of a header: as it is when it is short printable ASCII, else as RFC 2047 `B` encoded-words
    /// of whole characters, one per folded line (line ends and other control characters become spaces).
    package static func headerText(_ text: String) -> String {
        let flat = String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : Character($0) })
        if flat.utf8.count <= 68, flat.utf8.allSatisfy({ $0 < 0x7F }), !flat.contains("=?") { return flat }
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in flat.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39 {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// A header of `name` listing `items` separated by commas, folded so that no line exceeds 78 octets (unless a
    /// single item does).
    package static func folded(_ name: String, _ items: [String]) -> String {
        var result = name
        var length = name.utf8.count
        for (index, item) in items.enumerated() {
            if index > 0, length + 2 + item.utf8.count > 78 {
                result += ",\r\n \(item)"
                length = 1 + item.utf8.count
            } else {
                result += (index == 0 ? " " : ", ") + item
                length += (index == 0 ? 1 : 2) + item.utf8.count
            }
        }
        return result
    }

    /// The RFC 5322 date-time of `secondsSince1970`, in UTC: `Thu, 01 Jan 1970 00:00:00 +0000`.
    package static func date(secondsSince1970 seconds: Int64) -> String {
        let (days, time) = (seconds.floorDivided(by: 86400), seconds - seconds.floorDivided(by: 86400) * 86400)
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm, proleptic Gregorian).
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int((days % 7 + 7) % 7)]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return
            "\(weekday), \(twoDigits(day)) \(months[Int(month) - 1]) \(year) \(twoDigits(time / 3600)):\(twoDigits(time / 60 % 60)):\(twoDigits(time % 60)) +0000"
    }

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `text` in quoted-printable, as lines of at most 76 octets (without the line ends): its own line breaks (CRLF,
    /// LF or CR) stay hard breaks, longer lines get soft ones (`=`), and `=`, non-ASCII bytes, control characters and
    /// white space at the end of a line are escaped (`=3D`).
    package static func quotedPrintable(_ text: String) -> [String] {
        var output: [String] = []
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
                let token = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
                // Room for the soft break's `=` unless this is the line's last token.
                if current.utf8.count + token.utf8.count > (isLast ? 76 : 75) {
                    output.append(current + "=")
                    current = ""
                }
                current += token
            }
            output.append(current)
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// The DATA section of `message` (CRLF lines): each line that starts with a dot gets another, and the lone-dot
    /// line ends it.
    package static func dotStuffed(_ message: String) -> String {
        var lines = message.split(separator: "\r\n" as Character, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? ".\($0)" : String($0) }.joined(separator: "\r\n") + (lines.isEmpty ? "" : "\r\n") + ".\r\n"
    }

    /// The Base64 of `text`'s UTF-8 bytes (AUTH).
    package static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}

extension Int64 {
    /// The quotient rounded towards minus infinity (so that dates before 1970 come out right).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
