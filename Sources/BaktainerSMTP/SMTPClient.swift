import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Sends e-mail through one SMTP server (RFC 5321): STARTTLS (RFC 3207) or implicit TLS, AUTH PLAIN (RFC 4616) or
/// LOGIN (RFC 4954), one connection per message. Knows nothing about backups.
package struct SMTPClient: Sendable {
    private let eventLoopGroup: any EventLoopGroup

    /// Creates a client on `eventLoopGroup` (usually `MultiThreadedEventLoopGroup.singleton`).
    package init(eventLoopGroup: any EventLoopGroup) {
        self.eventLoopGroup = eventLoopGroup
    }

    /// Connects, greets (EHLO, falling back to HELO only for ``SMTPSecurity/none``), secures, authenticates, sends,
    /// QUITs and closes — the connection is closed on every error path too. Each step may take `settings.timeout`.
    package func send(_ message: SMTPMessage, with settings: SMTPSettings) async throws(SMTPError) {
        for address in [message.from] + message.recipients where !Self.isPlainAddress(address) {
            throw SMTPError(.rejected, "'\(address)' is not a plain e-mail address (name@domain, no spaces or angle brackets): fix the address")
        }
        guard !message.recipients.isEmpty else { throw SMTPError(.rejected, "the message has no recipient: give at least one address") }
        let connection = try await SMTPConnection.open(settings, tls: try settings.makeTLSContext(), on: eventLoopGroup)
        do throws(SMTPError) {
            try await converse(message, over: connection)
        } catch {
            await connection.quitAndClose()
            throw error
        }
        await connection.quitAndClose()
    }

    private func converse(_ message: SMTPMessage, over connection: SMTPConnection) async throws(SMTPError) {
        let settings = connection.settings
        let server = "SMTP server \(settings.endpoint)"
        let greeting = try await connection.reply(to: nil)
        guard greeting.code == 220 else { throw SMTPError(.rejected, "\(server) refused the connection: \(greeting.summary)") }
        var capabilities = try await hello(connection)
        if settings.security == .startTLS {
            guard capabilities.startTLS else {
                throw SMTPError(
                    .tls,
                    "\(server) does not offer STARTTLS, and nothing is sent without it: use implicit TLS (smtps://) if it expects TLS from the first byte (usually port 465)"
                )
            }
            let ready = try await connection.reply(to: "STARTTLS")
            guard ready.code == 220 else { throw SMTPError(.tls, "\(server) refused STARTTLS: \(ready.summary)") }
            try await connection.startTLS()
            capabilities = try await hello(connection)  // what was offered in plain text no longer counts (RFC 3207 4.2)
        }
        if let username = settings.username {
            try await SMTPAuthentication(connection: connection, username: username, password: settings.password ?? "")
                .logIn(offered: capabilities)
        }
        try await expect(250, "MAIL FROM:<\(message.from)>", on: connection) { "\(server) refused the sender '\(message.from)': \($0.summary)" }
        for recipient in message.recipients {
            let reply = try await connection.reply(to: "RCPT TO:<\(recipient)>")
            guard reply.code == 250 || reply.code == 251 else {
                throw SMTPError(.rejected, "\(server) refused the recipient '\(recipient)': \(reply.summary)")
            }
        }
        try await expect(354, "DATA", on: connection) { "\(server) refused to take the message: \($0.summary)" }
        let domain = message.from.split(separator: "@").last.map(String.init) ?? settings.heloName
        let text = message.rendered(date: Int64(Date().timeIntervalSince1970), messageID: "\(UUID().uuidString.lowercased())@\(domain)")
        try await expect(250, SMTPEncoding.dotStuffed(text), step: "the message", on: connection) { "\(server) refused the message: \($0.summary)" }
    }

    /// EHLO, and the capabilities offered; HELO (and none) only for a plain-text connection.
    private func hello(_ connection: SMTPConnection) async throws(SMTPError) -> SMTPCapabilities {
        let name = connection.settings.heloName
        let reply = try await connection.reply(to: "EHLO \(name)")
        if reply.code == 250 { return SMTPCapabilities(ehlo: reply) }
        guard connection.settings.security == .none else {
            throw SMTPError(.protocolError, "SMTP server \(connection.settings.endpoint) refused EHLO (\(reply.summary)), which TLS needs")
        }
        try await expect(250, "HELO \(name)", on: connection) { "SMTP server \(connection.settings.endpoint) refused EHLO and HELO: \($0.summary)" }
        return SMTPCapabilities()
    }

    /// Sends `command`; throws a `.rejected` error with `message(reply)` unless the reply has `code`. A 530 says
    /// that a login is needed.
    private func expect(
        _ code: Int, _ command: String, step: String? = nil, on connection: SMTPConnection, else message: (SMTPReply) -> String
    ) async throws(SMTPError) {
        let reply = try await connection.reply(to: command, step: step)
        guard reply.code != code else { return }
        if reply.code == 530 {
            throw SMTPError(
                .authentication, "SMTP server \(connection.settings.endpoint) requires a login (\(reply.summary)): set the user and password in the smtp:// URL"
            )
        }
        throw SMTPError(.rejected, message(reply))
    }

    /// Whether `address` can go between angle brackets and into a header as it is.
    private static func isPlainAddress(_ address: String) -> Bool {
        address.contains("@") && !address.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "<>,;\"".unicodeScalars.contains($0) }
    }
}
