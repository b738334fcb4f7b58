import AsyncHTTPClient
import BaktainerCore
import BaktainerSMTP

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The notification channels as configured: `BT_NOTIFY_URLS` (or `_FILE`), the defaults of every channel's
/// rule (`BT_NOTIFY_LEVEL`, `BT_NOTIFY_AFTER`, `BT_NOTIFY_REMIND`), the generic webhook's signing secret, and the
/// Ruby tool's variables (`BT_NOTIFICATION_CHANNELS` with `BT_SLACK_WEBHOOK_URL`, `BT_DISCORD_WEBHOOK_URL`,
/// `BT_TEAMS_WEBHOOK_URL`, `BT_WEBHOOK_URL`; `BT_NOTIFY_SUCCESS`). Errors name the variable and the URL's
/// position, never the URL (it holds tokens).
package struct NotifySettings: Sendable {
    /// Variables read (see docs/configuration.md).
    package enum Key {
        package static let urls = "BT_NOTIFY_URLS"
        package static let urlsFile = "BT_NOTIFY_URLS_FILE"
        package static let level = "BT_NOTIFY_LEVEL"
        package static let after = "BT_NOTIFY_AFTER"
        package static let remind = "BT_NOTIFY_REMIND"
        package static let webhookSecret = "BT_NOTIFY_WEBHOOK_SECRET"
        package static let webhookSecretFile = "BT_NOTIFY_WEBHOOK_SECRET_FILE"
        package static let timeout = "BT_NOTIFY_TIMEOUT"
        package static let dockerUnreachable = "BT_NOTIFY_DOCKER_UNREACHABLE"
        package static let template = "BT_NOTIFY_TEMPLATE"
        package static let legacyChannels = "BT_NOTIFICATION_CHANNELS"
        package static let legacySlack = "BT_SLACK_WEBHOOK_URL"
        package static let legacyDiscord = "BT_DISCORD_WEBHOOK_URL"
        package static let legacyTeams = "BT_TEAMS_WEBHOOK_URL"
        package static let legacyWebhook = "BT_WEBHOOK_URL"
        package static let legacySuccess = "BT_NOTIFY_SUCCESS"
        package static let legacyFailures = "BT_NOTIFY_FAILURES"
        package static let legacyWarnings = "BT_NOTIFY_WARNINGS"
    }

    /// The channels' URLs, parsed.
    package var urls: [NotificationURL]
    /// The setting each URL came from, and its position there (for errors).
    package var origins: [(setting: String, position: Int)]
    /// Signs generic webhooks.
    package var webhookSecret: Secret?
    /// One request's time limit.
    package var timeout: Duration
    /// Delivery pacing for the ``Notifier``.
    package var timing: Notifier.Timing
    /// Each URL's template (its `template=`, else `BT_NOTIFY_TEMPLATE`), read at start-up.
    package var templates: [NotificationTemplate?] = []
    /// What the configuration does that deserves a word (an older variable with no effect).
    package var warnings: [String] = []

    /// Reads `values`; `readFile` reads the `_FILE` variables.
    package init(
        configuration values: ConfigurationValues, readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationError) {
        var defaults = NotificationRule()
        if let level = values.string(Key.level) {
            guard let value = NotificationRule.Level(rawValue: level.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw values.error(Key.level, "'\(level)' is not a level: use failure, success or all")
            }
            defaults.level = value
        } else if try values.bool(Key.legacySuccess) == true {
            defaults.level = .success
        }
        defaults.after = try values.integer(Key.after, in: 1...1000) ?? 1
        defaults.remind = try values.duration(Key.remind)
        urls = []
        origins = []
        webhookSecret = try values.secret(Key.webhookSecret, file: Key.webhookSecretFile, what: "the webhook secret", readFile: readFile)
        timeout = try values.duration(Key.timeout) ?? .seconds(10)
        timing = Notifier.Timing()
        timing.attemptTimeout = timeout
        timing.dockerUnreachableLimit = try values.duration(Key.dockerUnreachable) ?? .seconds(600)
        let text = try values.secret(Key.urls, file: Key.urlsFile, what: "the notification URLs", readFile: readFile)
        let setting = values.string(Key.urls) != nil ? values.origin(Key.urls) : values.origin(Key.urlsFile)
        for (index, url) in NotificationURL.split(text?.revealed ?? "").enumerated() {
            urls.append(try NotificationURL(url, position: index + 1, setting: setting, defaults: defaults))
            origins.append((setting, index + 1))
        }
        try readLegacy(values, defaults: defaults)
        let common = try values.string(Key.template).map { path throws(ConfigurationError) in
            try NotificationTemplate(path: path, setting: values.origin(Key.template), readFile: readFile)
        }
        for (url, origin) in zip(urls, origins) {
            templates.append(
                try url.templatePath.map { path throws(ConfigurationError) in
                    try NotificationTemplate(path: path, setting: "\(origin.setting): URL \(origin.position): template=", readFile: readFile)
                } ?? common)
        }
        var seen: Set<String> = []
        for (url, origin) in zip(urls, origins) where !seen.insert(url.name).inserted {
            throw ConfigurationError(setting: origin.setting, "URL \(origin.position): a second channel named '\(url.name)': give each URL its own ?name=")
        }
    }

    /// The Ruby tool's channels: each listed in `BT_NOTIFICATION_CHANNELS` whose URL variable is set.
    private mutating func readLegacy(_ values: ConfigurationValues, defaults: NotificationRule) throws(ConfigurationError) {
        let variables: [(channel: String, variable: String, kind: NotificationURL.Kind)] = [
            ("slack", Key.legacySlack, .slack), ("discord", Key.legacyDiscord, .discord), ("teams", Key.legacyTeams, .teams),
            ("webhook", Key.legacyWebhook, .generic),
        ]
        let listed = Set(
            (values.string(Key.legacyChannels) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        for (channel, variable, kind) in variables {
            guard let url = values.string(variable) else { continue }
            guard listed.contains(channel) else {
                warnings.append("\(variable) is set but \(Key.legacyChannels) does not list '\(channel)': nothing is sent there")
                continue
            }
            guard !urls.contains(where: { $0.name == channel }) else { continue }
            let setting = values.origin(variable)
            var parsed = try NotificationURL("\(kind.rawValue)+\(url)", position: 1, setting: setting, defaults: defaults)
            parsed.name = channel
            urls.append(parsed)
            origins.append((setting, 1))
        }
        if listed.contains("email") {
            warnings.append("\(Key.legacyChannels) lists 'email': give an smtp:// URL in \(Key.urls) (docs/notifications.md)")
        }
        for variable in [Key.legacyFailures, Key.legacyWarnings] where try values.bool(variable) == false {
            warnings.append("\(variable)=false has no effect: failures and warnings are always reported (use baktainer.notify=false to mute a container)")
        }
    }

    /// The channels, sending HTTP with `client` and e-mail with `smtp`.
    package func channels(http client: HTTPClient, smtp: SMTPClient) throws(ConfigurationError) -> [any NotificationChannel] {
        let signature = webhookSecret.map { WebhookSignature(secret: $0) }
        var channels: [any NotificationChannel] = []
        for ((url, origin), template) in zip(zip(urls, origins), templates) {
            if url.kind == .smtp {
                channels.append(try EmailChannel(url, client: smtp, template: template, setting: origin.setting, position: origin.position))
            } else {
                channels.append(HTTPChannel(url, client: client, signature: signature, template: template, timeout: timeout))
            }
        }
        return channels
    }
}
