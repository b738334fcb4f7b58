#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Setting values with where each came from, and typed, strict reads of them: a malformed value is an error
/// naming the setting and its source (variable, file and key, or label), never a silent default. An empty
/// value counts as unset.
///
/// The process configuration is built once at start-up by ``load(environment:)`` (variables over the file named
/// by `BT_CONFIG_FILE`); a container's labels use ``init(labels:)``.
package struct ConfigurationValues: Sendable {
    /// One value and its origin.
    package struct Entry: Sendable, Equatable {
        /// The value as written.
        package var value: String
        /// Where it came from.
        package var source: ConfigurationSource
        /// Whether it must never be shown.
        package var isSecret: Bool

        /// Creates an entry.
        package init(value: String, source: ConfigurationSource, isSecret: Bool = false) {
            self.value = value
            self.source = source
            self.isSecret = isSecret
        }
    }

    private let entries: [String: Entry]
    /// The configuration file the values were read from, if any.
    package let filePath: String?
    /// Things worth knowing that stop nothing: unknown `BT_*` variables, older variables outweighed by newer ones.
    package let warnings: [String]
    /// The `BT_*` variables of the environment that are not settings (their warnings are in ``warnings`` too).
    package let unknownVariables: [UnknownVariable]
    /// The destinations the configuration file names under `destinations:`, each with its own values.
    package let namedDestinations: [NamedDestinationValues]
    /// What errors call an unset setting, when not its own name (a named destination's `file: destinations.x.bucket`).
    private let unsetOrigins: [String: String]

    /// Values by name (a variable such as `BT_THREADS`, or a label).
    package init(
        entries: [String: Entry], filePath: String? = nil, warnings: [String] = [], unknownVariables: [UnknownVariable] = [],
        namedDestinations: [NamedDestinationValues] = [], unsetOrigins: [String: String] = [:]
    ) {
        self.entries = entries.filter { !$0.value.value.isEmpty }
        self.filePath = filePath
        self.warnings = warnings
        self.unknownVariables = unknownVariables
        self.namedDestinations = namedDestinations
        self.unsetOrigins = unsetOrigins
    }

    /// A container's labels, each its own source.
    package init(labels: [String: String]) {
        var entries: [String: Entry] = [:]
        for (name, value) in labels { entries[name] = Entry(value: value, source: .label(name)) }
        self.init(entries: entries)
    }

    /// The entry for `name`, or nil when unset or empty.
    package func entry(_ name: String) -> Entry? {
        entries[name]
    }

    /// The raw value, or nil when unset or empty.
    package func string(_ name: String) -> String? {
        entries[name]?.value
    }

    /// Where the value of `name` came from, as errors name it: the variable, `file: key`, or the label; `name`
    /// itself when unset.
    package func origin(_ name: String) -> String {
        entries[name]?.source.description ?? unsetOrigins[name] ?? name
    }

    /// A boolean in the one grammar of ``Swift/Bool/init(settingText:)``. Anything else is an error.
    package func bool(_ name: String) throws(ConfigurationError) -> Bool? {
        guard let entry = entries[name] else { return nil }
        guard let value = Bool(settingText: entry.value) else {
            throw error(name, "\(quoted(entry)) is not a boolean: use true or false (yes/no, on/off and 1/0 work too)")
        }
        return value
    }

    /// An integer within `range`. Anything else is an error.
    package func integer(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let entry = entries[name] else { return nil }
        guard let value = Int(entry.value.trimmingWhitespace), range.contains(value) else {
            throw error(name, "\(quoted(entry)) is not a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A duration: whole seconds, or a number with a unit `s`, `m`, `h`, `d`, `w`, combinable (`1d12h`).
    package func duration(_ name: String) throws(ConfigurationError) -> Duration? {
        guard let entry = entries[name] else { return nil }
        guard let seconds = Self.seconds(in: entry.value.trimmingWhitespace), seconds > 0 else {
            throw error(name, "\(quoted(entry)) is not a duration: use seconds or a number with s, m, h, d or w (e.g. 26h, 1d12h)")
        }
        return .seconds(seconds)
    }

    /// An IANA time zone (`Europe/Berlin`, `UTC`); nil when unset. Anything else is an error.
    package func timeZone(_ name: String) throws(ConfigurationError) -> TimeZone? {
        guard let entry = entries[name] else { return nil }
        guard let zone = TimeZone(identifier: entry.value.trimmingWhitespace) else {
            throw error(name, "\(quoted(entry)) is not a time zone: use an IANA name such as Europe/Berlin or UTC")
        }
        return zone
    }

    /// An error about the value of `name`, naming where it came from.
    package func error(_ name: String, _ message: String) -> ConfigurationError {
        ConfigurationError(setting: origin(name), message)
    }

    /// The value in quotes for a message, or a mask when it is secret.
    private func quoted(_ entry: Entry) -> String {
        entry.isSecret ? "the value (hidden)" : "'\(entry.value)'"
    }

    /// Seconds in `90`, `90s`, `15m`, `1d12h`; nil when malformed.
    package static func seconds(in text: String) -> Int? {
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
