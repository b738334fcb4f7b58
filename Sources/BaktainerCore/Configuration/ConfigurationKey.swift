/// One setting Baktainer knows: its key in the configuration file, the environment variable for it, older
/// variables that still set it, whether its value is secret, and its default.
///
/// The mapping rule: the variable is `BT_` followed by the key in capitals, each `.` written as `_`
/// (`retention.keep_daily` ↔ `BT_RETENTION_KEEP_DAILY`) — the rule swift-configuration's
/// `EnvironmentVariablesProvider` applies to the key under `bt`. In the file any `_` of a key may also be a level
/// of nesting: `retention: {keep_daily: 7}`, `retention_keep_daily: 7` and `retention: {keep: {daily: 7}}` are
/// the same key. See ``ConfigurationKey/all`` for every key.
package struct ConfigurationKey: Sendable, Hashable {
    /// Whether a key's value is hidden in `baktainer config`, logs and errors.
    package enum Secrecy: Sendable, Hashable {
        /// Never secret.
        case none
        /// Always secret (passwords, tokens).
        case always
        /// Secret unless the value is an absolute file path (a setting that takes a path or the secret itself).
        case unlessPath
    }

    /// What applies when nothing sets the key.
    package enum Default: Sendable, Hashable {
        /// Nothing: the feature is off or the key is optional.
        case none
        /// This text, read like any value: setting it explicitly changes nothing.
        case value(String)
        /// A default that is not one literal value, described (e.g. "three schedule intervals").
        case described(String)
    }

    /// The key in the configuration file, with `.` between levels: `retention.keep_daily`.
    package let name: String
    /// Older environment variables that set the same value, in order, used when ``variable`` is unset.
    package let aliases: [String]
    /// Whether the value is secret.
    package let secrecy: Secrecy
    /// The default.
    package let defaultValue: Default
    /// What values it takes, for people: `bool`, `int 1–64`, `duration`, `path`.
    package let type: String
    /// What it does, one sentence for the reference page.
    package let summary: String
    /// A value a person might set, shown in the reference.
    package let example: String
    /// The version that introduced it: ``ConfigurationKey/rubyTool`` for the earlier Ruby Baktainer's names.
    package let since: String

    /// Creates a key; `name` uses lower-case letters, digits, `_` and `.` between levels.
    package init(
        _ name: String, type: String, default defaultValue: Default = .none, aliases: [String] = [], secrecy: Secrecy = .none,
        example: String, since: String = "0.1.0", _ summary: String
    ) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.aliases = aliases
        self.secrecy = secrecy
        self.example = example
        self.since = since
        self.summary = summary
    }

    /// The `since` of the names the earlier Ruby tool read, which keep their meaning.
    package static let rubyTool = "Ruby tool"

    /// The levels of ``name``: `["retention", "keep_daily"]`.
    package var components: [String] { name.split(separator: ".").map(String.init) }

    /// The environment variable: `BT_RETENTION_KEEP_DAILY` for `retention.keep_daily`.
    package var variable: String { Self.variable(forPath: components) }

    /// Every variable that sets the key, in precedence order: ``variable``, then the ``aliases``.
    package var variables: [String] { [variable] + aliases }

    /// Whether `value` must be hidden.
    package func isSecret(_ value: String) -> Bool {
        switch secrecy {
        case .none: false
        case .always: true
        case .unlessPath: !(value.hasPrefix("/") && !value.contains(where: \.isNewline))
        }
    }

    /// The variable a file key path maps to: `["retention", "keep_daily"]` → `BT_RETENTION_KEEP_DAILY`.
    package static func variable(forPath path: [String]) -> String {
        "BT_" + path.joined(separator: "_").uppercased()
    }

    /// The known key whose ``variable`` is `variable`, if any (aliases are not matched).
    package static func named(_ variable: String) -> ConfigurationKey? {
        all.first { $0.variable == variable }
    }
}
