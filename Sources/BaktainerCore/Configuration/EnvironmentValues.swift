/// Typed, strict reads of environment variables: a malformed value is an error naming the variable, never a
/// silent default. An empty value counts as unset.
package struct EnvironmentValues: Sendable {
    private let values: [String: String]

    /// Wraps a snapshot of the environment (e.g. `ProcessInfo.processInfo.environment`).
    package init(_ values: [String: String]) {
        self.values = values
    }

    /// The raw value, or nil when unset or empty.
    package func string(_ key: String) -> String? {
        guard let value = values[key], !value.isEmpty else { return nil }
        return value
    }

    /// A boolean: true/false, yes/no, on/off, 1/0 (any case). Anything else is an error.
    package func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let raw = string(key) else { return nil }
        switch raw.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            throw ConfigurationError(setting: key, "'\(raw)' is not a boolean: use true or false")
        }
    }

    /// An integer within `range`. Anything else is an error.
    package func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let raw = string(key) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError(setting: key, "'\(raw)' is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}
