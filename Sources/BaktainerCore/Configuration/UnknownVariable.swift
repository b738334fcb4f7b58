/// A `BT_*` environment variable that is not a Baktainer setting: most likely a typo (`BT_COMPRES`,
/// `BT_RETENTON_KEEP_LAST`) whose setting silently keeps its default. A warning for every command, a problem
/// for `validate`.
///
/// Known are the variables of ``ConfigurationKey/all`` (the `BT_*_FILE` ones such as `BT_AGE_PASSPHRASE_FILE`
/// among them) with their older names, and `BT_CONFIG_FILE`.
package struct UnknownVariable: Sendable, Equatable, CustomStringConvertible {
    /// The variable's name.
    package var name: String
    /// The known variable it is most likely a typo of.
    package var suggestion: String?

    /// Creates a finding.
    package init(name: String, suggestion: String? = nil) {
        self.name = name
        self.suggestion = suggestion
    }

    /// Every variable Baktainer reads whose name starts with `BT_`, sorted.
    package static let known: [String] = Set(ConfigurationKey.all.flatMap(\.variables).filter { $0.hasPrefix("BT_") } + [EnvironmentKey.configFile])
        .sorted()

    /// The `BT_*` variables of `environment` that Baktainer does not read, sorted by name. Pure.
    package static func find(in environment: [String: String]) -> [UnknownVariable] {
        let known = Set(Self.known)
        return environment.keys.sorted().filter { $0.hasPrefix("BT_") && !known.contains($0) }.map { name in
            UnknownVariable(name: name, suggestion: NameSuggestion.closest(to: name, among: Self.known))
        }
    }

    /// `BT_COMPRES is not a Baktainer setting: did you mean BT_COMPRESS?`.
    package var description: String {
        "\(name) is not a Baktainer setting" + (suggestion.map { ": did you mean \($0)?" } ?? " (`baktainer config` lists them)")
    }

    /// The start-up warning: the setting is ignored, and what was likely meant.
    package var warning: String {
        "\(name) is not a Baktainer setting and is ignored" + (suggestion.map { "; did you mean \($0)?" } ?? " (`baktainer config` lists them)")
    }
}
