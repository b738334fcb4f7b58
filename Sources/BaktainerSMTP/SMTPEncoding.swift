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
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let date = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: Date(timeIntervalSince1970: Double(seconds)))
        let (weekdays, months) = (
            ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"], ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        )
        let (hour, minute, second) = (twoDigits(date.hour!), twoDigits(date.minute!), twoDigits(date.second!))
        return "\(weekdays[date.weekday! - 1]), \(twoDigits(date.day!)) \(months[date.month! - 1]) \(date.year!) \(hour):\(minute):\(second) +0000"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

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
                let token = literal ? String(UnicodeScalar(byte)) : (byte < 16 ? "=0" : "=") + String(byte, radix: 16, uppercase: true)
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
