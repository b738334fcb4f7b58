/// What the server offers, from its reply to EHLO (RFC 5321 4.1.1.1): one keyword and its parameters per line
/// after the first.
package struct SMTPCapabilities: Sendable, Equatable {
    /// The keywords, upper-cased (`STARTTLS`, `8BITMIME`, `AUTH`).
    package var keywords: Set<String>
    /// The AUTH mechanisms, upper-cased, in the server's order (`AUTH PLAIN LOGIN`, or the older `AUTH=PLAIN LOGIN`).
    package var authMechanisms: [String]

    /// None: what a server that only knows HELO offers.
    package init() {
        keywords = []
        authMechanisms = []
    }

    /// The capabilities in an EHLO reply.
    package init(ehlo reply: SMTPReply) {
        self.init()
        for line in reply.lines.dropFirst() {
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            keywords.insert(keyword)
            if keyword == "AUTH" { authMechanisms += words.dropFirst().filter { !authMechanisms.contains($0) } }
        }
    }

    /// Whether the server offers STARTTLS.
    package var startTLS: Bool { keywords.contains("STARTTLS") }
}
