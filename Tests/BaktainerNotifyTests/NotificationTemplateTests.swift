import BaktainerCore
import BaktainerNotify
import Foundation
import Testing

/// Operators' Mustache templates: the webhook's fields, the facts, no HTML escaping, clear errors.
@Suite struct NotificationTemplateTests {
    static func template(_ text: String) throws -> NotificationTemplate {
        try NotificationTemplate(path: "/etc/bt/message.mustache", setting: "BT_NOTIFY_TEMPLATE", readFile: { _ in text })
    }

    @Test func theTemplateWritesTheBodyFromTheMessagesFields() throws {
        let template = try Self.template(
            "{{#is_problem}}ALERT {{/is_problem}}{{container}} <{{engine}}>: {{error}}\n{{#facts}}- {{name}}={{value}}\n{{/facts}}")
        let rendered = template.apply(to: HTTPMessageFormatTests.failure())
        #expect(
            rendered.body?.hasPrefix("ALERT shop-db <postgres>: pg_dump exited 1\n- Container=shop-db\n- Engine=postgres (shop)") == true,
            "\(rendered.body ?? "")")
        #expect(rendered.plainText == rendered.body)
        // The body replaces the text chat services show, and travels in the webhook's JSON.
        let format = HTTPMessageFormat(kind: .ntfy, endpoint: URLComponents(string: "https://ntfy.sh/t")!)
        #expect(format.request(for: rendered, at: Date())?.body == Array((rendered.body ?? "").utf8))
        #expect(String(decoding: rendered.encodedJSON(), as: UTF8.self).contains(#""body":"ALERT shop-db <postgres>"#))
    }

    @Test func aBrokenOrMissingTemplateIsAStartUpErrorNamingIt() {
        #expect(throws: ConfigurationError.self) { try Self.template("{{#container}} never closed") }
        do {
            _ = try NotificationTemplate(path: "/nope.mustache", setting: "BT_NOTIFY_TEMPLATE", readFile: { _ in throw CocoaError(.fileNoSuchFile) })
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.description == "BT_NOTIFY_TEMPLATE: cannot read /nope.mustache: check that the file exists and is readable")
        }
    }

    @Test func aURLsTemplateOverridesTheCommonOne() throws {
        let values = ConfigurationValues(environment: [
            "BT_NOTIFY_URLS": "ntfy://ntfy.sh/a?template=/own.mustache,ntfy://ntfy.sh/b?name=b", "BT_NOTIFY_TEMPLATE": "/common.mustache",
        ])
        let settings = try NotifySettings(configuration: values, readFile: { path in path == "/own.mustache" ? "own {{container}}" : "common {{container}}" })
        let message = HTTPMessageFormatTests.failure()
        #expect(settings.templates.map { $0?.apply(to: message).body } == ["own shop-db", "common shop-db"])
        #expect(settings.urls[0].options["template"] == nil && settings.urls[0].templatePath == "/own.mustache")
    }
}
