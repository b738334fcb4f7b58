import BaktainerSMTP
import Testing

/// Replies of an SMTP server read line by line, and the capabilities in a reply to EHLO.
@Suite struct SMTPReplyTests {
    private func replies(_ lines: [String]) throws -> [SMTPReply] {
        var reader = SMTPReply.Reader()
        return try lines.compactMap { try reader.read($0) }
    }

    @Test func linesMakeRepliesSingleAndMultiLine() throws {
        let read = try replies(["220 mail.example.com ESMTP ready", "250-mail.example.com", "250-8BITMIME", "250 HELP", "354", "221 2.0.0 Bye"])
        #expect(read.map(\.code) == [220, 250, 354, 221])
        #expect(read[1].lines == ["mail.example.com", "8BITMIME", "HELP"])
        #expect(read[2].lines == [""])
        #expect(read[0].summary == "220 mail.example.com ESMTP ready")
        #expect(read[2].summary == "354")
    }

    @Test func aReaderKnowsWhenAReplyHasBegunButNotEnded() throws {
        var reader = SMTPReply.Reader()
        #expect(try reader.read("250-first") == nil)
        #expect(reader.isPartial)
        #expect(try reader.read("250 last") == SMTPReply(code: 250, lines: ["first", "last"]))
        #expect(!reader.isPartial)
    }

    @Test func whatIsNotAReplyIsMalformed() {
        for lines in [["hello"], ["2500 x"], ["600 nope"], ["25"], ["250-a", "251 b"], ["190 x"], ["250_x"]] {
            #expect(throws: SMTPReply.Malformed.self, "\(lines)") { try replies(lines) }
        }
    }

    @Test func aLongReplyIsCutInItsSummary() {
        let reply = SMTPReply(code: 550, lines: [String(repeating: "x", count: 500)])
        #expect(reply.summary.count == 4 + 200 + 1 && reply.summary.hasSuffix("…"))
    }

    @Test func capabilitiesComeFromEveryLineButTheFirst() {
        let reply = SMTPReply(
            code: 250, lines: ["mail.example.com greets you", "SIZE 35882577", "8BITMIME", "STARTTLS", "AUTH LOGIN PLAIN XOAUTH2", "auth=login cram-md5"])
        let capabilities = SMTPCapabilities(ehlo: reply)
        #expect(capabilities.startTLS)
        #expect(capabilities.keywords == ["SIZE", "8BITMIME", "STARTTLS", "AUTH"])
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN", "XOAUTH2", "CRAM-MD5"])
        #expect(!SMTPCapabilities(ehlo: SMTPReply(code: 250, lines: ["STARTTLS"])).startTLS)
        #expect(SMTPCapabilities().authMechanisms.isEmpty)
    }
}
