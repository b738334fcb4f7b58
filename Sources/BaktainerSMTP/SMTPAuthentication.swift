/// The login (RFC 4954): AUTH PLAIN (RFC 4616) when the server offers it, else AUTH LOGIN. Only ever over TLS, or
/// in plain text when the settings say ``SMTPSecurity/none``. No error message carries the password, in any form.
struct SMTPAuthentication {
    /// The connection, already secured unless the settings say ``SMTPSecurity/none``.
    let connection: SMTPConnection
    /// The user to log in as.
    let username: String
    /// Its password.
    let password: String

    private var server: String { "SMTP server \(connection.settings.endpoint)" }

    /// Logs in with the best mechanism among those `offered`.
    func logIn(offered capabilities: SMTPCapabilities) async throws(SMTPError) {
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            let token = SMTPEncoding.base64("\u{0}\(username)\u{0}\(password)")
            try check(try await connection.reply(to: "AUTH PLAIN \(token)", step: "AUTH PLAIN"), "PLAIN")
        } else if mechanisms.contains("LOGIN") {
            let userPrompt = try await connection.reply(to: "AUTH LOGIN")
            guard userPrompt.code == 334 else { return try check(userPrompt, "LOGIN") }
            let passwordPrompt = try await connection.reply(to: SMTPEncoding.base64(username), step: "AUTH LOGIN (the user)")
            guard passwordPrompt.code == 334 else { return try check(passwordPrompt, "LOGIN") }
            try check(try await connection.reply(to: SMTPEncoding.base64(password), step: "AUTH LOGIN (the password)"), "LOGIN")
        } else if mechanisms.isEmpty {
            let hint =
                connection.settings.security == .none && capabilities.startTLS
                ? "offers no login on this unencrypted connection, only STARTTLS (it wants TLS first): use STARTTLS"
                : "offers no login (AUTH): if it needs none, remove the user and password from the smtp:// URL"
            throw SMTPError(.authentication, "\(server) \(hint)")
        } else {
            throw SMTPError(
                .authentication, "\(server) offers only AUTH \(mechanisms.joined(separator: " ")), and this client logs in with PLAIN or LOGIN only")
        }
    }

    /// Returns on 235 (logged in), else throws what the reply means.
    private func check(_ reply: SMTPReply, _ mechanism: String) throws(SMTPError) {
        let message: String
        switch reply.code {
        case 235:
            return
        case 535:
            message = "\(server) refused the login of user '\(username)': check the user and password in the smtp:// URL"
        case 538:
            message = "\(server) requires encryption for a login (\(reply.summary)): use STARTTLS or implicit TLS"
        default:
            message = "\(server) refused AUTH \(mechanism) for user '\(username)': \(reply.summary)"
        }
        throw SMTPError(.authentication, redacted(message))
    }

    /// `text` without the password, nor its Base64 forms sent (were the server to echo them).
    private func redacted(_ text: String) -> String {
        guard !password.isEmpty else { return text }
        var text = text
        for secret in [SMTPEncoding.base64("\u{0}\(username)\u{0}\(password)"), SMTPEncoding.base64(password), password] {
            text = text.replacing(secret, with: "***")
        }
        return text
    }
}
