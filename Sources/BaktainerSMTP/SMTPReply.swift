/// One reply of the server (RFC 5321 4.2): a three-digit code and one or more lines of text.
package struct SMTPReply: Sendable, Equatable {
    /// The reply code (`250`).
    package var code: Int
    /// The text of each line, without the code and its separator.
    package var lines: [String]

    /// Creates a reply.
    package init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The code and the text, on one line and cut to a readable length, for error messages.
    package var summary: String {
        let text = lines.joined(separator: " ")
        if text.isEmpty { return "\(code)" }
        return text.count > 200 ? "\(code) \(text.prefix(200))…" : "\(code) \(text)"
    }

    /// A line that is not part of an SMTP reply, or a reply that never ends.
    package struct Malformed: Error, Sendable, Equatable {
        /// The start of the offending line.
        package var line: String
    }

    /// Collects lines into replies: `250-first`, `250-second`, `250 last` make one reply of three lines.
    package struct Reader: Sendable {
        private var code: Int?
        private var lines: [String] = []

        /// Creates a reader at the start of a reply.
        package init() {}

        /// Whether a multi-line reply has begun but not ended.
        package var isPartial: Bool { code != nil }

        /// Reads one line (without its line end); returns the reply it completes, if any.
        package mutating func read(_ line: String) throws(Malformed) -> SMTPReply? {
            let bytes = Array(line.utf8)
            let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(code), code / 10 % 10 <= 5,
                separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-"), self.code == nil || self.code == code, lines.count < 1000
            else { throw Malformed(line: String(line.prefix(100))) }
            lines.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
            guard separator == UInt8(ascii: " ") else {
                self.code = code
                return nil
            }
            defer { (self.code, lines) = (nil, []) }
            return SMTPReply(code: code, lines: lines)
        }
    }
}
