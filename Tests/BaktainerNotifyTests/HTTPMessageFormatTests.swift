import BaktainerCore
import BaktainerNotify
import Foundation
import Testing

/// Each service's request, in the shape its documentation gives; the generic webhook's signature against an
/// independent HMAC (Python's `hmac`).
@Suite struct HTTPMessageFormatTests {
    static let date = Date(timeIntervalSince1970: 1_795_600_800)

    static func failure() -> BackupNotification {
        var message = BackupNotification(.failure, title: "Backup of shop-db failed", text: "The backup of shop-db failed: pg_dump exited 1", at: date)
        (message.container, message.engine, message.database, message.error) = ("shop-db", "postgres", "shop", "pg_dump exited 1")
        message.stderrTail = "FATAL: role \"app\" does not exist"
        return message
    }

    static func request(_ text: String, _ message: BackupNotification = failure(), secret: String? = nil) throws -> HTTPNotificationRequest {
        let url = try NotificationURL(text, position: 1, setting: "BT_NOTIFY_URLS", defaults: NotificationRule())
        let format = HTTPMessageFormat(
            kind: url.kind, endpoint: url.endpoint, options: url.options, signature: secret.map { WebhookSignature(secret: Secret($0)) })
        return try #require(format.request(for: message, at: date))
    }

    static func json(_ request: HTTPNotificationRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func theSignatureIsHMACSHA256OfTimeDotBody() {
        let signature = WebhookSignature(secret: Secret("whsec-test"))
        // python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec-test", b"1795600800.{\"event\":\"test\"}", hashlib.sha256).hexdigest())'
        #expect(
            signature.value(for: Array(#"{"event":"test"}"#.utf8), at: Self.date)
                == "t=1795600800,v1=16d7c77091a9201859fe06429fd1f272d29a6619b78133b0e8babdf90e48fc32")
    }

    @Test func theGenericWebhookSendsTheJSONBodySigned() throws {
        let request = try Self.request("generic+https://hooks.example.com/bt", secret: "whsec-test")
        let headers = Dictionary(request.headers, uniquingKeysWith: { $1 })
        #expect(headers["Content-Type"] == "application/json" && headers["X-Baktainer-Event"] == "failure")
        #expect(headers[WebhookSignature.header] == WebhookSignature(secret: Secret("whsec-test")).value(for: request.body, at: Self.date))
        let json = try Self.json(request)
        #expect(json["event"] as? String == "failure" && json["stderr_tail"] as? String == "FATAL: role \"app\" does not exist")
    }

    @Test func slackGetsTextAndBlocks() throws {
        let json = try Self.json(try Self.request("slack://a/b/c"))
        #expect((json["text"] as? String)?.contains("Backup of shop-db failed") == true)
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.first?["type"] as? String == "header" && blocks.contains { $0["fields"] != nil })
    }

    @Test func discordGetsAnEmbed() throws {
        let json = try Self.json(try Self.request("discord://t@1"))
        let embed = try #require((json["embeds"] as? [[String: Any]])?.first)
        #expect(embed["title"] as? String == "Backup of shop-db failed" && embed["color"] as? Int == 0xD0_3030)
        #expect((embed["fields"] as? [[String: Any]])?.contains { $0["name"] as? String == "Container" && $0["value"] as? String == "shop-db" } == true)
    }

    @Test func teamsGetsAnAdaptiveCard() throws {
        let json = try Self.json(try Self.request("teams+https://example.logic.azure.com/workflows/x"))
        let attachment = try #require((json["attachments"] as? [[String: Any]])?.first)
        #expect(json["type"] as? String == "message" && attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard" && (card["body"] as? [[String: Any]])?.count == 3)
    }

    @Test func ntfyGetsTitlePriorityAndTags() throws {
        let request = try Self.request("ntfy://ntfy.sh/backups?token=tk_1")
        let headers = Dictionary(request.headers, uniquingKeysWith: { $1 })
        #expect(headers["Title"] == "Backup of shop-db failed" && headers["Priority"] == "high" && headers["Authorization"] == "Bearer tk_1")
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix("The backup of shop-db failed"))
    }

    @Test func gotifyPostsToMessageWithTheTokenInAHeader() throws {
        let request = try Self.request("gotify://push.example.com/sub/AbCd")
        #expect(request.url.string == "https://push.example.com/sub/message")
        #expect(request.headers.contains { $0 == ("X-Gotify-Key", "AbCd") })
        #expect(try Self.json(request)["priority"] as? Int == 8)
    }

    @Test func healthchecksPingsStartSuccessAndFail() throws {
        var started = Self.failure()
        started.event = .started
        var success = Self.failure()
        success.event = .success
        #expect(try Self.request("healthchecks+https://hc.example.com/abc", started).url.string == "https://hc.example.com/abc/start")
        #expect(try Self.request("healthchecks+https://hc.example.com/abc", success).url.string == "https://hc.example.com/abc")
        let fail = try Self.request("healthchecks+https://hc.example.com/abc")
        #expect(fail.url.string == "https://hc.example.com/abc/fail" && String(decoding: fail.body, as: UTF8.self).contains("pg_dump exited 1"))
    }

    @Test func uptimeKumaGetsAPushWithStatus() throws {
        let request = try Self.request("kuma+https://kuma.example.com/api/push/T0K")
        #expect(request.method == .GET && request.url.queryItems?.first == URLQueryItem(name: "status", value: "down"))
    }
}
