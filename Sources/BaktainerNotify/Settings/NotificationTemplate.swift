import BaktainerCore
import Foundation
import Mustache

/// An operator's Mustache template for the text of messages (`template=/path` on a URL, or `BT_NOTIFY_TEMPLATE` for
/// every channel). It sees the generic webhook's fields (`{{container}}`, `{{error}}`, `{{stderr_tail}}`, …),
/// `{{#facts}}{{name}}: {{value}}{{/facts}}` and `{{#is_problem}}…{{/is_problem}}`; nothing is HTML-escaped.
package struct NotificationTemplate: Sendable {
    private let template: MustacheTemplate

    /// Reads and parses the template at `path`; errors name `setting`.
    package init(path: String, setting: String, readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) })
        throws(ConfigurationError)
    {
        let text = try ConfigurationError.readFile(path, for: setting, with: readFile)
        do {
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch {
            throw ConfigurationError(setting: setting, "the template \(path) is not valid Mustache: \(error)")
        }
    }

    /// `notification` with its ``BackupNotification/body`` rendered.
    package func apply(to notification: BackupNotification) -> BackupNotification {
        var context = (try? JSONSerialization.jsonObject(with: notification.encodedJSON()) as? [String: Any]) ?? [:]
        context["facts"] = notification.facts.map { ["name": $0.name, "value": $0.value] }
        context["is_problem"] = notification.event.isProblem
        var rendered = notification
        rendered.body = template.render(context).trimmingCharacters(in: .whitespacesAndNewlines)
        return rendered
    }
}
