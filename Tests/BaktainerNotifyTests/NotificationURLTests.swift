import BaktainerCore
import BaktainerNotify
import Foundation
import Testing

/// Channel URLs as operators write them: shorthands, exact endpoints, Baktainer's own options, and errors that
/// never quote the URL.
@Suite struct NotificationURLTests {
    static func parse(_ text: String, defaults: NotificationRule = NotificationRule()) throws(ConfigurationError) -> NotificationURL {
        try NotificationURL(text, position: 1, setting: "BT_NOTIFY_URLS", defaults: defaults)
    }

    @Test func serviceShorthandsStandForTheirHTTPSEndpoints() throws {
        #expect(try Self.parse("slack://T000/B000/XXXX").endpoint.string == "https://hooks.slack.com/services/T000/B000/XXXX")
        #expect(try Self.parse("slack://hook:T000-B000-XXXX@webhook").endpoint.string == "https://hooks.slack.com/services/T000/B000/XXXX")
        #expect(try Self.parse("discord://tok3n@123456").endpoint.string == "https://discord.com/api/webhooks/123456/tok3n")
        #expect(try Self.parse("ntfy://ntfy.sh/backups").endpoint.string == "https://ntfy.sh/backups")
        #expect(try Self.parse("ntfy://10.0.0.2:8080/backups?scheme=http").endpoint.string == "http://10.0.0.2:8080/backups")
        #expect(try Self.parse("gotify://push.example.com/AbCd").endpoint.string == "https://push.example.com/AbCd")
        let smtps = try Self.parse("smtps://u:p@mail.example.com/?from=a@example.com&to=b@example.com")
        #expect(smtps.kind == .smtp && smtps.options["tls"] == "yes" && smtps.name == "smtp")
    }

    @Test func kindPlusSchemeIsThatExactEndpoint() throws {
        let url = try Self.parse("generic+http://127.0.0.1:9000/hook?x=1&name=ops&level=all&after=3&remind=6h")
        #expect(url.kind == .generic && url.name == "ops" && url.endpoint.string == "http://127.0.0.1:9000/hook?x=1")
        #expect(url.rule == NotificationRule(level: .all, after: 3, remind: .seconds(21600)))
        let teams = try Self.parse(
            "teams+https://prod-1.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cret")
        #expect(teams.endpoint.string?.hasSuffix("invoke?api-version=2016-06-01&sig=s3cret") == true && teams.name == "teams")
        #expect(try Self.parse("healthchecks+https://hc-ping.com/5bf66975").rule.isMonitor)
    }

    @Test func defaultsComeFromTheVariablesUnlessTheURLSaysOtherwise() throws {
        let defaults = NotificationRule(level: .success, after: 2)
        #expect(try Self.parse("slack://a/b/c", defaults: defaults).rule == defaults)
        #expect(try Self.parse("slack://a/b/c?level=failure", defaults: defaults).rule.level == .failure)
    }

    @Test func commasInsideAURLStayThere() {
        let urls = NotificationURL.split("smtp://u:p@mail:587/?from=bt@x.org&to=a@x.org,b@x.org, slack://a/b/c\nntfy://ntfy.sh/t")
        #expect(urls == ["smtp://u:p@mail:587/?from=bt@x.org&to=a@x.org,b@x.org", "slack://a/b/c", "ntfy://ntfy.sh/t"])
    }

    @Test func errorsNameThePositionAndKindButNeverTheURL() {
        let cases = [
            ("telegram://tok3n-secret@chat", "'telegram' is not a kind of channel"),
            ("slack://tok3n-secret", "three tokens"),
            ("generic://tok3n-secret.example.com/x", "generic+https://"),
            ("slack://a/b/c?level=loud&t=tok3n-secret", "level=loud is not a level"),
            ("slack://a/b/c?after=0&t=tok3n-secret", "after=0 is not a count"),
            ("slack://a/b/c?name=a%20b&t=tok3n-secret", "is not a channel name"),
        ]
        for (text, expected) in cases {
            #expect(throws: ConfigurationError.self) { try Self.parse(text) }
            do throws(ConfigurationError) {
                _ = try Self.parse(text)
            } catch {
                #expect(error.description.hasPrefix("BT_NOTIFY_URLS: URL 1: ") && error.description.contains(expected), "\(error)")
                #expect(!error.description.contains("tok3n"), "\(error)")
            }
        }
    }

    @Test func settingsReadTheVariablesAndTheRubyToolsOnes() throws {
        let values = ConfigurationValues(environment: [
            "BT_NOTIFY_URLS": "slack://a/b/c?name=ops, generic+https://hooks.example.com/bt", "BT_NOTIFY_AFTER": "2",
            "BT_NOTIFICATION_CHANNELS": "log,discord,webhook", "BT_DISCORD_WEBHOOK_URL": "https://discord.com/api/webhooks/1/t",
            "BT_WEBHOOK_URL": "https://old.example.com/hook", "BT_SLACK_WEBHOOK_URL": "https://hooks.slack.com/services/x/y/z",
            "BT_NOTIFY_SUCCESS": "true", "BT_NOTIFY_WEBHOOK_SECRET": "whsec",
        ])
        let settings = try NotifySettings(configuration: values)
        #expect(settings.urls.map(\.name) == ["ops", "generic", "discord", "webhook"])
        #expect(settings.urls.allSatisfy { $0.rule.after == 2 && $0.rule.level == .success })
        #expect(settings.urls[3].kind == .generic && settings.urls[3].endpoint.string == "https://old.example.com/hook")
        #expect(settings.warnings.count == 1 && settings.warnings[0].contains("BT_SLACK_WEBHOOK_URL"))
        #expect(settings.webhookSecret?.revealed == "whsec")
    }

    @Test func theConfigurationFileTakesAListOfURLsAndTheDefaults() throws {
        let text = """
            notify:
              urls:
                - slack://a/b/c?name=ops
                - smtp://u:p@mail.example.com:587/?from=bt@example.com&to=a@example.com,b@example.com
              level: success
              after: 2
            """
        let values = ConfigurationValues(environment: [:], file: try ConfigurationFile(path: "/etc/baktainer.yml", text: text))
        let settings = try NotifySettings(configuration: values)
        #expect(settings.urls.map(\.name) == ["ops", "smtp"])
        #expect(settings.urls[1].options["to"] == "a@example.com,b@example.com")
        #expect(settings.urls.allSatisfy { $0.rule.level == .success && $0.rule.after == 2 })
        // An error names the file and key, never the URL.
        let broken = ConfigurationValues(
            environment: [:], file: try ConfigurationFile(path: "/etc/baktainer.yml", text: "notify:\n  urls: [slack://tok3n?level=loud]"))
        #expect(throws: ConfigurationError.self) { try NotifySettings(configuration: broken) }
        do throws(ConfigurationError) {
            _ = try NotifySettings(configuration: broken)
        } catch {
            #expect(error.description.hasPrefix("/etc/baktainer.yml: notify.urls") && !error.description.contains("tok3n"), "\(error)")
        }
    }

    @Test func twoChannelsWithOneNameAreRefused() {
        let values = ConfigurationValues(environment: ["BT_NOTIFY_URLS": "slack://a/b/c,slack://d/e/f"])
        #expect(throws: ConfigurationError.self) { try NotifySettings(configuration: values) }
    }
}
