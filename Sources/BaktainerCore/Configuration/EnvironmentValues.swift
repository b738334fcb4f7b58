#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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

    /// A duration: whole seconds, or a number with a unit `s`, `m`, `h`, `d`, `w`, combinable (`1d12h`).
    package func duration(_ key: String) throws(ConfigurationError) -> Duration? {
        guard let raw = string(key) else { return nil }
        guard let seconds = Self.seconds(in: raw), seconds > 0 else {
            throw ConfigurationError(setting: key, "'\(raw)' is not a duration: use seconds or a number with s, m, h, d or w (e.g. 26h, 1d12h)")
        }
        return .seconds(seconds)
    }

    /// An IANA time zone (`Europe/Berlin`, `UTC`); nil when unset. Anything else is an error.
    package func timeZone(_ key: String) throws(ConfigurationError) -> TimeZone? {
        guard let name = string(key) else { return nil }
        guard let zone = TimeZone(identifier: name) else {
            throw ConfigurationError(setting: key, "'\(name)' is not a time zone: use an IANA name such as Europe/Berlin or UTC")
        }
        return zone
    }

    /// Seconds in `90`, `90s`, `15m`, `1d12h`; nil when malformed.
    static func seconds(in text: String) -> Int? {
        if let plain = Int(text) { return plain }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800]
        var total = 0
        var digits = ""
        for character in text.lowercased() {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Int(digits) {
                total += value * unit
                digits = ""
            } else {
                return nil
            }
        }
        return digits.isEmpty ? total : nil
    }
}
