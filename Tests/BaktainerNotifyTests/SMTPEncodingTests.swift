import BaktainerSMTP
import Foundation
import Testing

/// The wire encodings of the SMTP client: quoted-printable bodies, RFC 2047 subjects, folded recipient lists, RFC
/// 5322 dates, dot-stuffing, and the rendered message as a whole.
@Suite struct SMTPEncodingTests {
    @Test func quotedPrintableEscapesWhatMustBeAndBreaksLongLinesSoftly() {
        #expect(SMTPEncoding.quotedPrintable("a=b") == ["a=3Db"])
        #expect(SMTPEncoding.quotedPrintable("Grüße") == ["Gr=C3=BC=C3=9Fe"])
        #expect(SMTPEncoding.quotedPrintable("end  \ttab") == ["end  \ttab"])
        #expect(SMTPEncoding.quotedPrintable("trailing  ") == ["trailing =20"])
        #expect(SMTPEncoding.quotedPrintable("one\r\ntwo\nthree\rfour\n") == ["one", "two", "three", "four", ""])
        #expect(SMTPEncoding.quotedPrintable("") == [""])
        #expect(SMTPEncoding.quotedPrintable("bell\u{7}") == ["bell=07"])
        let long = String(repeating: "é and more ", count: 40)
        let lines = SMTPEncoding.quotedPrintable(long)
        #expect(lines.count > 5)
        #expect(lines.allSatisfy { $0.utf8.count <= 76 && $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(Self.decodeQuotedPrintable(lines.joined(separator: "\r\n")) == long)
        // An escape is never split by a soft break.
        let escapes = SMTPEncoding.quotedPrintable(String(repeating: "=", count: 100))
        #expect(escapes.allSatisfy { $0.replacingOccurrences(of: "=3D", with: "").allSatisfy { $0 == "=" } && $0.utf8.count <= 76 })
    }

    @Test func aSubjectStaysReadableWhenItCanAndIsEncodedWordsWhenItMustBe() {
        #expect(SMTPEncoding.headerText("Backup of shop-db failed") == "Backup of shop-db failed")
        #expect(SMTPEncoding.headerText("two\r\nlines") == "two  lines")
        let german = "Sicherung fehlgeschlagen – Größe über dem Limit, 3 von 4 Datenbanken betroffen 🙁"
        let encoded = SMTPEncoding.headerText(german)
        #expect(encoded.hasPrefix("=?UTF-8?B?"))
        #expect(Self.decodeEncodedWords(encoded) == german)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { ("Subject: " + $0).utf8.count <= 78 && $0.utf8.allSatisfy { $0 < 0x80 } })
        // Text that looks like an encoded-word, or is too long for one line, is encoded too.
        #expect(SMTPEncoding.headerText("=?UTF-8?B?eA==?=").hasPrefix("=?UTF-8?B?PT9"))
        let long = String(repeating: "backup ", count: 20)
        #expect(Self.decodeEncodedWords(SMTPEncoding.headerText(long)) == long)
        #expect(SMTPEncoding.headerText("") == "")
    }

    @Test func recipientsAreFoldedAtCommasBefore78Octets() {
        #expect(SMTPEncoding.folded("To:", ["a@example.com", "b@example.org"]) == "To: a@example.com, b@example.org")
        let many = (1...12).map { "operator\($0)@example.com" }
        let folded = SMTPEncoding.folded("To:", many)
        let lines = folded.components(separatedBy: "\r\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == "To: " + many.joined(separator: ", "))
    }

    @Test func datesAreRFC5322InUTC() {
        #expect(SMTPEncoding.date(secondsSince1970: 0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(SMTPEncoding.date(secondsSince1970: -1) == "Wed, 31 Dec 1969 23:59:59 +0000")
        #expect(SMTPEncoding.date(secondsSince1970: 951_782_400) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(SMTPEncoding.date(secondsSince1970: 1_764_696_971) == "Tue, 02 Dec 2025 17:36:11 +0000")
        #expect(SMTPEncoding.date(secondsSince1970: 4_102_444_799) == "Thu, 31 Dec 2099 23:59:59 +0000")
    }

    @Test func dotStuffingDoublesLeadingDotsAndEndsWithALoneDot() {
        #expect(SMTPEncoding.dotStuffed(".hidden\r\nx\r\n..two\r\n.\r\n") == "..hidden\r\nx\r\n...two\r\n..\r\n.\r\n")
        #expect(SMTPEncoding.dotStuffed("a. b\r\n") == "a. b\r\n.\r\n")
        #expect(SMTPEncoding.dotStuffed("no final line end") == "no final line end\r\n.\r\n")
    }

    @Test func aRenderedMessageHasEveryHeaderAndOnlyShortASCIILines() {
        let message = SMTPMessage(
            from: "bt@example.com", recipients: ["ops@example.com", "dba@example.org"], subject: "Größe",
            body: ".dot first\nx=1\n" + String(repeating: "long ", count: 40))
        let text = message.rendered(date: 0, messageID: "1234@example.com")
        let (head, body) = (text.components(separatedBy: "\r\n\r\n")[0], text.components(separatedBy: "\r\n\r\n").dropFirst().joined())
        #expect(
            head.components(separatedBy: "\r\n") == [
                "From: bt@example.com", "To: ops@example.com, dba@example.org", "Subject: =?UTF-8?B?R3LDtsOfZQ==?=", "Date: Thu, 01 Jan 1970 00:00:00 +0000",
                "Message-ID: <1234@example.com>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
            ])
        #expect(body.hasPrefix(".dot first\r\nx=3D1\r\nlong long"))
        #expect(text.hasSuffix("\r\n"))
        #expect(text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 && $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(Self.decodeQuotedPrintable(body) == ".dot first\r\nx=1\r\n" + String(repeating: "long ", count: 40) + "\r\n")
    }

    /// Quoted-printable `text` decoded (soft breaks removed, `=XX` escapes as bytes), as UTF-8.
    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
                let byte = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// RFC 2047 `B` encoded-words decoded and joined (the folding between them dropped).
    static func decodeEncodedWords(_ text: String) -> String {
        var bytes: [UInt8] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\r\n" }) where word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") {
            bytes += Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data()
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
