import BaktainerCore
import BaktainerSMTP

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// E-mail over SMTP: `smtp://user:password@host:port/?from=…&to=a@x,b@x`, STARTTLS by default (`starttls=no` for a
/// relay on a trusted network, `tls=yes` or `smtps://` for implicit TLS on 465), the certificate checked unless `tlsverify=no`,
/// `ca=/path` for a private CA. A plain-text message with the title as subject.
package struct EmailChannel: NotificationChannel {
    package let name: String
    package let rule: NotificationRule
    package let displayName: String
    private let settings: SMTPSettings
    private let from: String
    private let recipients: [String]
    private let client: SMTPClient
    private let template: NotificationTemplate?

    /// The channel of `url` (the `position`th of `setting`), sending with `client`, its text written by `template`.
    package init(
        _ url: NotificationURL, client: SMTPClient, template: NotificationTemplate? = nil, setting: String, position: Int
    ) throws(ConfigurationError) {
        func fail(_ message: String) -> ConfigurationError { ConfigurationError(setting: setting, "URL \(position) (smtp): \(message)") }
        func flag(_ option: String) throws(ConfigurationError) -> Bool? {
            guard let text = url.options[option] else { return nil }
            guard let value = Bool(settingText: text) else { throw fail("\(option)=\(text) is not yes or no") }
            return value
        }
        guard let host = url.endpoint.host, !host.isEmpty else { throw fail("names no host") }
        guard let from = url.options["from"], from.contains("@") else { throw fail("needs ?from=sender@example.com") }
        let recipients = (url.options["to"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !recipients.isEmpty, recipients.allSatisfy({ $0.contains("@") }) else { throw fail("needs ?to=a@example.com[,b@example.com]") }
        let implicitTLS = try flag("tls") ?? false
        let startTLS = try flag("starttls") ?? !implicitTLS
        if implicitTLS && url.options["starttls"] != nil && startTLS { throw fail("tls=yes and starttls=yes exclude each other") }
        let security: SMTPSecurity = implicitTLS ? .implicitTLS : startTLS ? .startTLS : .none
        let user = url.endpoint.user?.removingPercentEncoding
        let password = url.endpoint.password?.removingPercentEncoding
        if user != nil && password == nil { throw fail("names a user but no password: smtp://user:password@host") }
        var settings = SMTPSettings(
            host: host, port: url.endpoint.port ?? (implicitTLS ? 465 : 587), security: security, username: user, password: password)
        settings.verifiesCertificate = try flag("tlsverify") ?? true
        settings.trustRootsFile = url.options["ca"]
        if let helo = url.options["helo"] { settings.heloName = helo }
        name = url.name
        rule = url.rule
        displayName = "\(url.name) (smtp \(host):\(settings.port))"
        self.settings = settings
        self.from = from
        self.recipients = recipients
        self.client = client
        self.template = template
    }

    package func deliver(_ notification: BackupNotification) async throws(NotificationError) {
        let notification = template?.apply(to: notification) ?? notification
        let message = SMTPMessage(from: from, recipients: recipients, subject: "[Baktainer] \(notification.title)", body: notification.plainText)
        do {
            try await client.send(message, with: settings)
        } catch {
            throw NotificationError(channel: displayName, error.message, isTransient: ![.authentication, .rejected].contains(error.code))
        }
    }
}
