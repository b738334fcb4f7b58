import AsyncHTTPClient
import BaktainerCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A channel that sends one HTTP request per message: the generic webhook, a chat service, an uptime monitor.
/// What the request looks like is the ``format``'s business; this type only sends it.
package struct HTTPChannel: NotificationChannel {
    package let name: String
    package let rule: NotificationRule
    package let displayName: String
    private let format: HTTPMessageFormat
    private let template: NotificationTemplate?
    private let client: HTTPClient
    private let timeout: Duration
    private let now: @Sendable () -> Date

    /// A channel for `url` sending through `client`; `signature` signs generic webhooks; `template` writes the text.
    package init(
        _ url: NotificationURL, client: HTTPClient, signature: WebhookSignature?, template: NotificationTemplate? = nil, timeout: Duration = .seconds(10),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        name = url.name
        rule = url.rule
        displayName = HTTPNotificationRequest.displayName(url.name, url.kind, url.endpoint)
        format = HTTPMessageFormat(kind: url.kind, endpoint: url.endpoint, options: url.options, signature: signature)
        self.client = client
        self.template = template
        self.timeout = timeout
        self.now = now
    }

    package func deliver(_ notification: BackupNotification) async throws(NotificationError) {
        let message = template?.apply(to: notification) ?? notification
        guard let request = format.request(for: message, at: now()) else { return }
        try await request.send(with: client, channel: displayName, timeout: timeout)
    }
}
