import BaktainerCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One channel as the operator wrote it: a shoutrrr-style URL (`slack://…`, `smtp://user:pass@host/?to=…`) or
/// `KIND+https://…` for any kind at an exact endpoint (`generic+https://…`, `slack+http://127.0.0.1:8080/hook`).
///
/// Baktainer's own query options are taken out of the URL: `name` (what `baktainer.notify.channels` selects),
/// `level` (`failure`, `success`, `all`), `after` (problems in a row before the first message), `remind` (a
/// duration), `summary` (`no`: this channel does not get the periodic summary) and `template` (a Mustache file
/// for the message text). Errors never quote the URL (it holds
/// tokens): they name its position and kind.
package struct NotificationURL: Sendable {
    /// The kinds of channel.
    package enum Kind: String, Sendable, CaseIterable {
        case generic, slack, discord, teams, ntfy, gotify, smtp, healthchecks, kuma
    }

    /// The kind.
    package var kind: Kind
    /// The channel's name: `name=`, else the kind.
    package var name: String
    /// What it gets.
    package var rule: NotificationRule
    /// Where HTTP kinds send (scheme `http` or `https`); for `smtp`, the server (`host`, `port`, user and password).
    package var endpoint: URLComponents
    /// Query options left after Baktainer's own (smtp: `from`, `to`, `starttls`, …; gotify: `priority`).
    package var options: [String: String]
    /// The `template=` option: a Mustache file for this channel's message text.
    package var templatePath: String?

    /// Splits a `BT_NOTIFY_URLS` value: URLs separated by commas or newlines. A comma followed by anything but a new
    /// `scheme://` belongs to the URL before it (`smtp://…?to=a@x,b@x`).
    package static func split(_ text: String) -> [String] {
        var urls: [String] = []
        for piece in text.split(whereSeparator: { $0 == "," || $0.isNewline }) {
            let piece = piece.trimmingCharacters(in: .whitespaces)
            if piece.isEmpty { continue }
            if startsWithScheme(piece) || urls.isEmpty {
                urls.append(piece)
            } else {
                urls[urls.count - 1] += "," + piece
            }
        }
        return urls
    }

    private static func startsWithScheme(_ text: String) -> Bool {
        guard let range = text.range(of: "://") else { return false }
        let scheme = text[..<range.lowerBound]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    /// Parses `text`, the `position`th URL of `setting`, with `defaults` for the rule options it leaves out.
    package init(_ text: String, position: Int, setting: String, defaults: NotificationRule) throws(ConfigurationError) {
        func fail(_ message: String) -> ConfigurationError {
            ConfigurationError(setting: setting, "URL \(position): \(message)")
        }
        guard let separator = text.range(of: "://"), var components = URLComponents(string: text) else {
            throw fail("is not a URL: write KIND://… (slack, discord, teams, ntfy, gotify, smtp) or KIND+https://… (see docs/notifications.md)")
        }
        let scheme = text[..<separator.lowerBound].lowercased()
        var parts = scheme.split(separator: "+", maxSplits: 1).map(String.init)
        let implicitTLS = parts == ["smtps"]  // smtps://: e-mail with TLS from the first byte
        if implicitTLS { parts = ["smtp"] }
        guard let kind = Kind(rawValue: parts[0]) else {
            let known = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("'\(parts[0])' is not a kind of channel: use one of \(known)")
        }
        var items = components.queryItems ?? []
        func take(_ name: String) -> String? {
            guard let index = items.firstIndex(where: { $0.name.lowercased() == name }) else { return nil }
            return items.remove(at: index).value
        }
        var rule = defaults
        if let level = take("level") {
            guard let value = NotificationRule.Level(rawValue: level.lowercased()) else {
                throw fail("level=\(level) is not a level: use failure, success or all")
            }
            rule.level = value
        }
        if let after = take("after") {
            guard let value = Int(after), (1...1000).contains(value) else { throw fail("after=\(after) is not a count from 1 to 1000") }
            rule.after = value
        }
        if let remind = take("remind") {
            guard let seconds = ConfigurationValues.seconds(in: remind), seconds > 0 else {
                throw fail("remind=\(remind) is not a duration (e.g. 6h, 1d)")
            }
            rule.remind = .seconds(seconds)
        }
        if let summary = take("summary") {
            guard let value = Bool(settingText: summary) else { throw fail("summary=\(summary) is not yes or no") }
            rule.summary = value
        }
        let templatePath = take("template")
        let name = take("name") ?? kind.rawValue
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw fail("name=\(name) is not a channel name: use letters, digits, - and _")
        }
        rule.isMonitor = kind == .healthchecks || kind == .kuma
        var options: [String: String] = [:]
        if parts.count == 2 {
            // KIND+http(s)://…: that exact endpoint; the remaining query stays in the URL.
            guard ["http", "https"].contains(parts[1]) else { throw fail("\(scheme) is not KIND+http or KIND+https") }
            components.scheme = parts[1]
            components.queryItems = items.isEmpty ? nil : items
            if kind == .smtp { throw fail("smtp takes smtp://user:password@host:port/?from=…&to=…, not smtp+\(parts[1])") }
        } else {
            for item in items { options[item.name.lowercased()] = item.value ?? "" }
            if implicitTLS { options["tls"] = "yes" }
            components.queryItems = nil
            components = try Self.serviceEndpoint(kind, components, options: &options, fail: fail)
        }
        guard let host = components.host, !host.isEmpty else { throw fail("names no host") }
        if kind == .generic && parts.count == 1 {
            throw fail("the generic webhook is generic+https://host/path (or generic+http:// for a receiver on a trusted network)")
        }
        self.kind = kind
        self.name = name
        self.rule = rule
        self.endpoint = components
        self.options = options
        self.templatePath = templatePath
    }

    /// The HTTPS endpoint a service shorthand stands for.
    private static func serviceEndpoint(
        _ kind: Kind, _ url: URLComponents, options: inout [String: String], fail: (String) -> ConfigurationError
    ) throws(ConfigurationError) -> URLComponents {
        var endpoint = URLComponents()
        endpoint.scheme = "https"
        let path = url.path.split(separator: "/").map(String.init)
        switch kind {
        case .slack:
            // slack://TOKEN_A/TOKEN_B/TOKEN_C, or shoutrrr's slack://hook:TOKEN_A-TOKEN_B-TOKEN_C@webhook
            let tokens: [String]
            if url.user == "hook", let password = url.password {
                tokens = password.split(separator: "-").map(String.init)
            } else {
                tokens = ([url.host ?? ""] + path).filter { !$0.isEmpty }
            }
            guard tokens.count == 3 else { throw fail("slack:// needs the webhook's three tokens: slack://TOKEN_A/TOKEN_B/TOKEN_C") }
            endpoint.host = "hooks.slack.com"
            endpoint.path = "/services/" + tokens.joined(separator: "/")
        case .discord:
            // discord://TOKEN@WEBHOOK_ID
            guard let token = url.user, !token.isEmpty, let id = url.host, !id.isEmpty else {
                throw fail("discord:// needs discord://TOKEN@WEBHOOK_ID (from the webhook URL …/webhooks/WEBHOOK_ID/TOKEN)")
            }
            endpoint.host = "discord.com"
            endpoint.path = "/api/webhooks/\(id)/\(token)"
        case .ntfy, .gotify, .teams, .healthchecks, .kuma, .generic:
            // KIND://[user:password@]host[:port]/path: the same over HTTPS (scheme=http for a plain receiver).
            endpoint = url
            endpoint.scheme = options.removeValue(forKey: "scheme") == "http" ? "http" : "https"
        case .smtp:
            endpoint = url
            endpoint.scheme = "smtp"
        }
        return endpoint
    }
}
