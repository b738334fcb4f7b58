import BaktainerCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The request each kind of HTTP channel gets for a message, in the shape that service documents and renders well:
/// the generic webhook's JSON (``BackupNotification/encodedJSON()``, signed), a Slack Block Kit message, a
/// Discord embed, a Teams Adaptive Card (workflow webhooks), an ntfy message with title, priority and tags, a
/// Gotify message, and Healthchecks / Uptime Kuma pings. Pure: no I/O.
package struct HTTPMessageFormat: Sendable {
    /// The kind of channel.
    package let kind: NotificationURL.Kind
    /// Where it sends.
    package let endpoint: URLComponents
    /// The URL's remaining options (ntfy `token`, gotify `priority`).
    package let options: [String: String]
    /// Signs generic webhooks.
    package let signature: WebhookSignature?

    /// A format for `kind` at `endpoint`.
    package init(kind: NotificationURL.Kind, endpoint: URLComponents, options: [String: String] = [:], signature: WebhookSignature? = nil) {
        self.kind = kind
        self.endpoint = endpoint
        self.options = options
        self.signature = signature
    }

    /// The request for `message` sent at `date`; nil when this kind has nothing to say about it (a monitor and a
    /// restore test).
    package func request(for message: BackupNotification, at date: Date) -> HTTPNotificationRequest? {
        switch kind {
        case .generic:
            let body = Array(message.encodedJSON())
            var headers = [("Content-Type", "application/json"), ("X-Baktainer-Event", message.event.rawValue)]
            if let signature { headers.append((WebhookSignature.header, signature.value(for: body, at: date))) }
            return HTTPNotificationRequest(url: endpoint, headers: headers, body: body)
        case .slack:
            return HTTPNotificationRequest(url: endpoint, json: slack(message))
        case .discord:
            return HTTPNotificationRequest(url: endpoint, json: discord(message))
        case .teams:
            return HTTPNotificationRequest(url: endpoint, json: teams(message))
        case .ntfy:
            var headers = [
                ("Title", message.title), ("Priority", message.event.isProblem ? "high" : "default"),
                ("Tags", message.event.isProblem ? "rotating_light" : message.event == .recovery ? "white_check_mark" : "floppy_disk"),
                ("Content-Type", "text/plain; charset=utf-8"),
            ]
            if let token = options["token"] { headers.append(("Authorization", "Bearer \(token)")) }
            return HTTPNotificationRequest(url: endpoint, headers: headers, body: Array(message.plainText.utf8))
        case .gotify:
            var url = endpoint
            var path = url.path.split(separator: "/").map(String.init)
            let token = path.popLast() ?? ""
            url.path = "/" + (path + ["message"]).joined(separator: "/")
            let priority = Int(options["priority"] ?? "") ?? (message.event.isProblem ? 8 : 4)
            var request = HTTPNotificationRequest(
                url: url, json: ["title": .string(message.title), "message": .string(message.plainText), "priority": .number(priority)])
            request.headers.append(("X-Gotify-Key", token))
            return request
        case .healthchecks:
            let suffix: String
            switch message.event {
            case .started: suffix = "/start"
            case .success: suffix = ""
            case .failure: suffix = "/fail"
            case .test: suffix = "/log"
            default: return nil
            }
            var url = endpoint
            url.path = url.path.hasSuffix("/") ? String(url.path.dropLast()) + suffix : url.path + suffix
            let body = message.event == .failure ? message.plainText : message.event == .test ? message.text : message.title
            return HTTPNotificationRequest(url: url, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(body.utf8))
        case .kuma:
            let status: String
            switch message.event {
            case .success, .test: status = "up"
            case .failure: status = "down"
            default: return nil
            }
            var url = endpoint
            let text = message.event == .failure ? (message.error ?? message.title) : message.title
            url.queryItems = [URLQueryItem(name: "status", value: status), URLQueryItem(name: "msg", value: String(text.prefix(250)))]
            if let seconds = message.durationSeconds { url.queryItems?.append(URLQueryItem(name: "ping", value: String(Int(seconds * 1000)))) }
            return HTTPNotificationRequest(url: url, method: .GET)
        case .smtp:
            return nil
        }
    }

    // MARK: Chat services

    /// The text under the title: the message, the error, the stderr tail in a code block.
    private func detail(_ message: BackupNotification, code: (String) -> String) -> String {
        if let body = message.body { return body }
        var parts = [message.text]
        if let stderr = message.stderrTail, !stderr.isEmpty, !message.text.contains(stderr) { parts.append(code(stderr)) }
        if let summary = message.summary { parts.append(summary.joined(separator: "\n")) }
        return parts.joined(separator: "\n")
    }

    private func slack(_ message: BackupNotification) -> JSONValue {
        let icon = message.event.isProblem ? ":rotating_light:" : message.event == .recovery ? ":white_check_mark:" : ":floppy_disk:"
        var blocks: [JSONValue] = [
            ["type": "header", "text": ["type": "plain_text", "text": .string(String(message.title.prefix(150)))]],
            ["type": "section", "text": ["type": "mrkdwn", "text": .string(String(detail(message) { "```\($0)```" }.prefix(3000)))]],
        ]
        let facts = message.facts.prefix(10).map { fact -> JSONValue in ["type": "mrkdwn", "text": .string("*\(fact.name)*\n\(fact.value)")] }
        if !facts.isEmpty { blocks.append(["type": "section", "fields": .array(Array(facts))]) }
        return ["text": .string("\(icon) \(message.title)"), "blocks": .array(blocks)]
    }

    private func discord(_ message: BackupNotification) -> JSONValue {
        let color = message.event.isProblem ? 0xD0_3030 : message.event == .recovery ? 0x2E_A043 : 0x5865_F2
        let fields = message.facts.prefix(25).map { fact -> JSONValue in
            ["name": .string(fact.name), "value": .string(String(fact.value.prefix(1024))), "inline": true]
        }
        let embed: JSONValue = [
            "title": .string(String(message.title.prefix(256))), "description": .string(String(detail(message) { "```\n\($0)\n```" }.prefix(4096))),
            "color": .number(color), "fields": .array(Array(fields)), "timestamp": .string(message.timestamp.formatted(.iso8601)),
        ]
        return ["username": "Baktainer", "embeds": [embed]]
    }

    private func teams(_ message: BackupNotification) -> JSONValue {
        let color = message.event.isProblem ? "Attention" : message.event == .recovery ? "Good" : "Default"
        let card: JSONValue = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
            "body": [
                ["type": "TextBlock", "text": .string(message.title), "weight": "Bolder", "size": "Medium", "wrap": true, "color": .string(color)],
                ["type": "TextBlock", "text": .string(detail(message) { "\n\n\($0)" }), "wrap": true],
                ["type": "FactSet", "facts": .array(message.facts.map { ["title": .string($0.name), "value": .string($0.value)] })],
            ],
        ]
        return ["type": "message", "attachments": [["contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": nil, "content": card]]]
    }
}
