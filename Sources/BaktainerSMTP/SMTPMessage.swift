/// A plain-text e-mail to send: the envelope (sender, recipients) and what the message's headers and body say.
package struct SMTPMessage: Sendable, Equatable {
    /// The sender's address (`bt@example.com`), for both `MAIL FROM` and the `From` header.
    package var from: String
    /// The recipients' addresses, for `RCPT TO` and the `To` header.
    package var recipients: [String]
    /// The subject line, any Unicode text (encoded as RFC 2047 encoded-words when not plain ASCII).
    package var subject: String
    /// The body, plain text, any line endings (sent as CRLF lines, quoted-printable).
    package var body: String

    /// Creates a message.
    package init(from: String, recipients: [String], subject: String, body: String) {
        self.from = from
        self.recipients = recipients
        self.subject = subject
        self.body = body
    }

    /// The message as RFC 5322 text with CRLF line ends: headers, a blank line, the quoted-printable body. Every
    /// line is ASCII and at most 78 octets (a recipient list is folded), so any server takes it unchanged.
    ///
    /// - Parameters:
    ///   - date: when it is sent, in seconds since 1970 (the `Date` header).
    ///   - messageID: the `Message-ID`, without angle brackets.
    package func rendered(date: Int64, messageID: String) -> String {
        var lines = ["From: \(from)", SMTPEncoding.folded("To:", recipients), "Subject: \(SMTPEncoding.headerText(subject))"]
        lines += ["Date: \(SMTPEncoding.date(secondsSince1970: date))", "Message-ID: <\(messageID)>", "MIME-Version: 1.0"]
        lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", ""]
        lines += SMTPEncoding.quotedPrintable(body)
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
