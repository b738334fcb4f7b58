/// What `baktainer config` prints: every known key with its effective value and where it came from. Secret
/// values are masked whatever their source; nothing else of them is shown.
package struct ConfigurationReport: Sendable, Encodable {
    /// One key.
    package struct Row: Sendable, Equatable, Encodable {
        /// The key in the configuration file: `retention.keep_daily`.
        package var key: String
        /// Its environment variable: `BT_RETENTION_KEEP_DAILY`.
        package var variable: String
        /// The effective value (masked when secret), the default, or nil when unset without a default.
        package var value: String?
        /// Whether the value is secret (and masked).
        package var secret: Bool
        /// Where the value came from: a variable, `file: key`, or `default`.
        package var source: String

        /// Creates a row.
        package init(key: String, variable: String, value: String?, secret: Bool, source: String) {
            self.key = key
            self.variable = variable
            self.value = value
            self.secret = secret
            self.source = source
        }
    }

    /// The configuration file (`BT_CONFIG_FILE`), if one was read.
    package var file: String?
    /// Every known key, in ``ConfigurationKey/all``'s order.
    package var settings: [Row]
    /// The warnings of loading (unknown `BT_*` variables, outweighed older names).
    package var warnings: [String]

    /// The mask shown instead of a secret.
    package static let mask = Secret("").description

    /// The report of `values`, built by ``ConfigurationValues/load(environment:)``.
    package init(_ values: ConfigurationValues) {
        file = values.filePath
        warnings = values.warnings
        settings = ConfigurationKey.all.map { key in
            guard let entry = values.entry(key.variable) else {
                switch key.defaultValue {
                case .none: return Row(key: key.name, variable: key.variable, value: nil, secret: false, source: "default")
                case .value(let text): return Row(key: key.name, variable: key.variable, value: text, secret: false, source: "default")
                case .described(let text): return Row(key: key.name, variable: key.variable, value: "(\(text))", secret: false, source: "default")
                }
            }
            return Row(key: key.name, variable: key.variable, value: Self.shown(entry), secret: entry.isSecret, source: entry.source.description)
        }
    }

    /// The report as a table.
    package func table() -> TextTable {
        TextTable(header: ["KEY", "VARIABLE", "VALUE", "SOURCE"], rows: settings.map { [$0.key, $0.variable, $0.value ?? "-", $0.source] })
    }

    /// A value as shown: masked when secret, inline PEM summarised, on one line.
    private static func shown(_ entry: ConfigurationValues.Entry) -> String {
        if entry.isSecret { return mask }
        if entry.value.contains("-----BEGIN") { return "(inline PEM)" }
        return entry.value.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
