#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Yams

/// The YAML configuration file named by `BT_CONFIG_FILE`, read once at start-up.
///
/// Its top level is a mapping; nested mappings (or dots in a key) are levels of a key, and a key maps to a variable by
/// ``ConfigurationKey`` 's rule (`retention: {keep_daily: 7}` is `BT_RETENTION_KEEP_DAILY`). Values are
/// scalars, read with the same grammar as variables (`yes` stays the text `yes`); a list of scalars is the same
/// as its items separated by commas; `~`, `null` and empty values count as unset.
///
/// `destinations:` names further destinations, each a mapping with a `type` (`s3` or `sftp`), that type's keys
/// without their prefix (`bucket`, `host`, …) and its own `retention` (``NamedDestination``).
///
/// An unknown key is an error, not a warning: it is most often a typo, and a mistyped `age.recipients` or
/// `retention.keep_daily` would otherwise silently write unencrypted backups or keep the wrong ones. Errors
/// name the file, the key and its line, never a value (YAML parser messages echo lines of the file, which may
/// hold secrets, so only their problem and position are kept).
package struct ConfigurationFile: Sendable {
    /// One value of the file.
    package struct Entry: Sendable, Equatable {
        /// The value as written (a list joined with commas).
        package var value: String
        /// The key as written, levels joined with `.`: `retention.keep_daily`.
        package var writtenKey: String
        /// The line it is on, from 1.
        package var line: Int?
    }

    /// A destination named under `destinations:`.
    package struct NamedDestination: Sendable, Equatable {
        /// Its name in outcomes, metrics and `--destination`.
        package var name: String
        /// `s3` or `sftp`.
        package var type: String
        /// Its values by the variable of its type they stand for (`bucket` is `BT_S3_BUCKET`); its retention by
        /// ``RetentionSettings/destinationVariables(_:)`` of its name.
        package var entries: [String: Entry]
    }

    /// The file's path.
    package let path: String
    /// The values by the variable they stand for (`BT_THREADS`).
    package let entries: [String: Entry]
    /// The destinations named under `destinations:`, in the file's order.
    package let destinations: [NamedDestination]

    /// The destination types and the names no named destination may take (the variables' own destinations).
    package static let destinationTypes = ["s3", "sftp"]
    private static let reservedDestinationNames = ["local", "s3", "sftp"]

    /// Reads and parses the file at `path`.
    package static func load(path: String) throws(ConfigurationError) -> ConfigurationFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(
                setting: "\(path) (\(EnvironmentKey.configFile))", "cannot read the configuration file: check that it exists, is readable and is UTF-8 text")
        }
        return try ConfigurationFile(path: path, text: text)
    }

    /// Parses `text` as the file at `path`.
    package init(path: String, text: String) throws(ConfigurationError) {
        self.path = path
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(setting: path, "is not valid YAML: \(Self.describe(error))")
        }
        guard let root else {
            entries = [:]
            destinations = []
            return
        }
        guard case .mapping(let mapping) = root else {
            throw ConfigurationError(setting: path, "is not a mapping of keys to values (e.g. `threads: 4`)")
        }
        var entries: [String: Entry] = [:]
        var unknown: [String] = []
        var destinations: [NamedDestination] = []
        var rest = mapping
        if let (keyNode, value) = mapping.first(where: { $0.key.string == "destinations" }) {
            rest = Node.Mapping(mapping.filter { $0.key.string != "destinations" })
            destinations = try Self.destinations(value, line: Self.line(keyNode), file: path, unknown: &unknown)
        }
        try Self.collect(rest, path: [], file: path, into: &entries, unknown: &unknown) { path in
            let variable = ConfigurationKey.variable(forPath: path)
            return ConfigurationKey.named(variable) != nil ? variable : nil
        }
        guard unknown.isEmpty else {
            throw ConfigurationError(
                setting: path,
                "unknown key\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")): `baktainer config` lists the known keys (BT_X_Y is x.y or x_y)"
            )
        }
        self.entries = entries
        self.destinations = destinations
    }

    /// Reads the `destinations:` mapping: each name (lowercase letters, digits, `-`) to its type's keys.
    private static func destinations(_ node: Node, line: String, file: String, unknown: inout [String]) throws(ConfigurationError) -> [NamedDestination] {
        guard case .mapping(let mapping) = node else {
            throw ConfigurationError(
                setting: "\(file): destinations", "line \(line): a mapping of names to destinations (e.g. `offsite: {type: s3, bucket: …}`)")
        }
        var destinations: [NamedDestination] = []
        for (nameNode, body) in mapping {
            let name = nameNode.string ?? ""
            let setting = "\(file): destinations.\(name)"
            guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
                name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
            else {
                throw ConfigurationError(setting: setting, "line \(self.line(nameNode)): a destination's name is lowercase letters, digits and '-'")
            }
            guard !reservedDestinationNames.contains(name), !destinations.contains(where: { $0.name == name }) else {
                throw ConfigurationError(
                    setting: setting, "line \(self.line(nameNode)): the name is taken (local, s3 and sftp are the variables' own destinations): pick another")
            }
            guard case .mapping(let keys) = body, let type = keys.first(where: { $0.key.string == "type" })?.value.string,
                destinationTypes.contains(type)
            else {
                throw ConfigurationError(setting: setting, "line \(self.line(nameNode)): needs `type: s3` or `type: sftp`")
            }
            var entries: [String: Entry] = [:]
            let retention = RetentionSettings.destinationVariables(name)
            try collect(
                Node.Mapping(keys.filter { $0.key.string != "type" }), path: ["destinations", name], file: file, into: &entries, unknown: &unknown
            ) { path in
                let inner = Array(path.dropFirst(2))
                if inner.first == "retention" {
                    // Its own `BT_<NAME>_RETENTION_<RULE>`, for the rules every destination has.
                    let variable = "BT_\(name.uppercased())_" + ConfigurationKey.variable(forPath: inner).dropFirst(3)
                    return retention.contains(variable) ? variable : nil
                }
                let variable = ConfigurationKey.variable(forPath: [type] + inner)
                return ConfigurationKey.named(variable) != nil ? variable : nil
            }
            destinations.append(NamedDestination(name: name, type: type, entries: entries))
        }
        return destinations
    }

    /// Walks `mapping` under the key levels `path`, adding each value to `entries` under the variable `variable`
    /// maps its key levels to, and each key it maps to nil to `unknown`.
    private static func collect(
        _ mapping: Node.Mapping, path: [String], file: String, into entries: inout [String: Entry], unknown: inout [String],
        variable: ([String]) -> String?
    ) throws(ConfigurationError) {
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigurationError(setting: file, "line \(line(keyNode)): a key must be plain text")
            }
            // A dot in a key is a level too: `retention.keep_daily: 7`.
            let keyPath = path + keyScalar.string.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let written = keyPath.joined(separator: ".")
            let value: String?
            switch valueNode {
            case .mapping(let nested):
                try collect(nested, path: keyPath, file: file, into: &entries, unknown: &unknown, variable: variable)
                continue
            case .scalar(let scalar):
                value = isNull(scalar) ? nil : scalar.string
            case .sequence(let sequence):
                var items: [String] = []
                for item in sequence {
                    guard case .scalar(let scalar) = item else {
                        throw ConfigurationError(setting: "\(file): \(written)", "line \(line(item)): a list may hold plain values only")
                    }
                    items.append(scalar.string)
                }
                value = items.joined(separator: ",")
            case .alias:
                throw ConfigurationError(setting: "\(file): \(written)", "line \(line(valueNode)): YAML aliases are not supported; write the value itself")
            }
            guard let variable = variable(keyPath) else {
                unknown.append("\(written) (line \(line(keyNode)))")
                continue
            }
            if let earlier = entries[variable] {
                throw ConfigurationError(
                    setting: "\(file): \(written)",
                    "line \(line(keyNode)) sets the same key as \(earlier.writtenKey) on line \(earlier.line.map(String.init) ?? "?"): keep one")
            }
            if let value {
                entries[variable] = Entry(value: value, writtenKey: written, line: keyNode.mark?.line)
            }
        }
    }

    /// Whether a scalar is YAML's null (`~`, `null`, nothing) rather than text.
    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func line(_ node: Node) -> String {
        node.mark.map { String($0.line) } ?? "?"
    }

    /// A parser error's problem and position, without the lines of the file its description quotes.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? YamlError else { return "unreadable" }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return "line \(mark.line), column \(mark.column): \(problem)" + (context.map { " (\($0.text) on line \($0.mark.line))" } ?? "")
        case .reader(let problem, let offset, _, _):
            return "\(problem)" + (offset.map { " at character \($0)" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "line \(context.mark.line): \(duplicates.joined(separator: ", ")) appear\(duplicates.count == 1 ? "s" : "") twice in one mapping"
        default:
            return "unreadable"
        }
    }
}
