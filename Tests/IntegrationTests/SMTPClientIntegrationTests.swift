import BaktainerSMTP
import Foundation
import NIOPosix
import Testing

/// The SMTP client against a real server (aiosmtpd, `scripts/testbed-smtp.sh`) with a certificate from a test CA
/// and a login required before any mail: STARTTLS and implicit TLS deliver to every recipient with the headers and
/// body intact; a wrong password, an untrusted certificate, the wrong kind of TLS for the port, a server that only
/// allows a login after STARTTLS, and a closed port each fail with their own code and a message that names the
/// server and never the password.
@Suite struct SMTPClientIntegrationTests {
    let client = SMTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)

    static let body = """
        The backup of shop-db failed: pg_dump exited 1.
        .a line that starts with a dot, and one with only a dot:
        .
        x=1 is escaped, trailing spaces too.   \n\(String(repeating: "long line ", count: 30))end
        Grüße, Baktainer
        """

    @Test func startTLSAndLoginDeliverOneMessageToTwoRecipients() async throws {
        try await SMTPTestServer.with { server in
            let message = SMTPMessage(
                from: "baktainer@example.com", recipients: ["ops@example.com", "dba@example.org"], subject: "Backup of shop-db failed", body: Self.body)
            try await client.send(message, with: server.settings())
            let received = try server.messages()
            #expect(received.count == 1)
            let mail = try #require(received.first)
            #expect(mail.mailFrom == "baktainer@example.com")
            #expect(mail.recipients == ["ops@example.com", "dba@example.org"])
            #expect(mail.header("From") == "baktainer@example.com")
            #expect(mail.header("To") == "ops@example.com, dba@example.org")
            #expect(mail.header("Subject") == "Backup of shop-db failed")
            #expect(mail.header("MIME-Version") == "1.0")
            #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
            #expect(mail.header("Message-ID")?.hasSuffix("@example.com>") == true)
            let date = try #require(mail.header("Date"))
            #expect(date.range(of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"#, options: .regularExpression) != nil, "\(date)")
            #expect(mail.text.replacingOccurrences(of: "\r\n", with: "\n") == Self.body + "\n")
            #expect(mail.data.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 && $0.utf8.allSatisfy { $0 < 0x80 } })
        }
    }

    @Test func implicitTLSDeliversAndANonASCIISubjectArrivesEncoded() async throws {
        try await SMTPTestServer.with(mode: "tls") { server in
            let subject = "Sicherung fehlgeschlagen – Größe über dem Limit, 3 von 4 Datenbanken betroffen 🙁"
            let message = SMTPMessage(from: "bt@example.com", recipients: ["ops@example.com"], subject: subject, body: "ok")
            // By name this time: the certificate names localhost too, and SNI carries it.
            try await client.send(message, with: server.settings { $0.host = "localhost" })
            let mail = try #require(try server.messages().first)
            #expect(mail.recipients == ["ops@example.com"])
            let encoded = try #require(mail.header("Subject"))
            #expect(encoded.hasPrefix("=?UTF-8?B?"))
            #expect(mail.subject == subject)
        }
    }

    @Test func aWrongPasswordIsAnAuthenticationErrorThatNamesTheUserButNoPassword() async throws {
        for mode in ["starttls", "tls"] {
            try await SMTPTestServer.with(mode: mode) { server in
                let wrong = "not-the-password-\(UUID().uuidString)"
                let error = try await sendFailure(server.settings { $0.password = wrong })
                #expect(error.code == .authentication, "\(error)")
                #expect(error.message.contains("refused the login of user '\(server.user)'"), "\(error)")
                #expect(error.message.contains("127.0.0.1:\(server.port)"), "\(error)")
                for secret in [wrong, server.password, Data(wrong.utf8).base64EncodedString(), Data("\0\(server.user)\0\(wrong)".utf8).base64EncodedString()] {
                    #expect(!error.message.contains(secret) && !"\(error)".contains(secret))
                }
                #expect(try server.messages().isEmpty)
            }
        }
    }

    @Test func anUntrustedCertificateIsATLSError() async throws {
        for mode in ["starttls", "tls"] {
            try await SMTPTestServer.with(mode: mode) { server in
                let error = try await sendFailure(server.settings { $0.trustRootsFile = nil })
                #expect(error.code == .tls, "\(error)")
                #expect(error.message.contains("certificate is not trusted"), "\(error)")
                // Turned off explicitly, the same server is accepted.
                try await client.send(Self.message, with: server.settings { ($0.trustRootsFile, $0.verifiesCertificate) = (nil, false) })
                #expect(try server.messages().count == 1)
            }
        }
    }

    @Test func theWrongKindOfTLSForThePortFailsWithAHint() async throws {
        try await SMTPTestServer.with(mode: "tls") { server in
            // STARTTLS against implicit TLS: the server waits for a handshake, the client for a greeting.
            let error = try await sendFailure(server.settings { ($0.security, $0.timeout) = (.startTLS, .seconds(2)) })
            #expect(error.code == .timeout, "\(error)")
            #expect(error.message.contains("did not answer the greeting") && error.message.contains("implicit TLS"), "\(error)")
        }
        try await SMTPTestServer.with(mode: "starttls") { server in
            let error = try await sendFailure(server.settings { $0.security = .implicitTLS })
            #expect(error.code == .tls, "\(error)")
            #expect(error.message.contains("does not speak TLS") && error.message.contains("STARTTLS"), "\(error)")
        }
    }

    @Test func plainTextNeverLogsInWhereTheServerWantsTLSFirst() async throws {
        try await SMTPTestServer.with { server in
            let error = try await sendFailure(server.settings { $0.security = .none })
            #expect(error.code == .authentication, "\(error)")
            #expect(error.message.contains("only STARTTLS"), "\(error)")
            // Without a login, the server refuses the mail: the error says a login is needed.
            let anonymous = try await sendFailure(server.settings { ($0.security, $0.username, $0.password) = (.startTLS, nil, nil) })
            #expect(anonymous.code == .authentication && anonymous.message.contains("requires a login"), "\(anonymous)")
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        let port = try TestBed.freePort()
        let error = try await sendFailure(SMTPSettings(host: "127.0.0.1", port: port, security: .startTLS, timeout: .seconds(5)))
        #expect(error.code == .unreachable, "\(error)")
        #expect(error.message.contains("127.0.0.1:\(port) refused the connection"), "\(error)")
    }

    @Test func aRefusedRecipientIsRejectedByName() async throws {
        try await SMTPTestServer.with { server in
            let message = SMTPMessage(from: "bt@example.com", recipients: ["ops@example.com", "nobody@refused.invalid"], subject: "s", body: "b")
            let error = try await sendFailure(server.settings(), message)
            #expect(error.code == .rejected && error.message.contains("refused the recipient 'nobody@refused.invalid': 550"), "\(error)")
            #expect(try server.messages().isEmpty)
        }
    }

    private static let message = SMTPMessage(from: "bt@example.com", recipients: ["ops@example.com"], subject: "test", body: "test")

    /// The error sending `message` with `settings` fails with (a test failure if it succeeds).
    private func sendFailure(_ settings: SMTPSettings, _ message: SMTPMessage = message) async throws -> SMTPError {
        do {
            try await client.send(message, with: settings)
        } catch {
            return error
        }
        Issue.record("sending succeeded")
        throw TestBedError("sending succeeded")
    }
}
