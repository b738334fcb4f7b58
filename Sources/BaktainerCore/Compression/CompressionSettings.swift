/// Which compression backups use: the default from the configuration, and a container's own from its labels.
///
/// `BT_COMPRESS` (or the label `baktainer.compress`) takes `gzip`, `zstd` or `none` (any case), and the Ruby
/// tool's `true` (gzip) and `false` (none) — any boolean of ``Swift/Bool/init(settingText:)``.
/// `BT_COMPRESS_LEVEL` (or `baktainer.compress.level`) sets the level
/// of that format. A level belongs to the format set beside it: a label that changes the format starts from the
/// new format's default level, not from `BT_COMPRESS_LEVEL`.
package struct CompressionSettings: Sendable, Equatable {
    /// The compression of containers whose labels do not say otherwise. Default: gzip level 6.
    package var compression: Compression

    /// Uses `compression` for every container whose labels do not say otherwise.
    package init(compression: Compression = .gzip) {
        self.compression = compression
    }

    /// Reads `BT_COMPRESS` and `BT_COMPRESS_LEVEL`; a malformed value is an error naming the setting and its source.
    package init(configuration values: ConfigurationValues) throws(ConfigurationError) {
        compression = try Self.compression(
            format: EnvironmentKey.compress, level: EnvironmentKey.compressLevel, in: values, inheriting: nil)
    }

    /// The compression of a container with `labels`: `baktainer.compress` and `baktainer.compress.level` override
    /// the environment's; a malformed value is an error naming the label.
    package func compression(forLabels labels: [String: String]) throws(ConfigurationError) -> Compression {
        try Self.compression(
            format: BackupLabel.compress, level: BackupLabel.compressLevel, in: ConfigurationValues(labels: labels), inheriting: compression)
    }

    /// Reads the format from setting `formatKey` and the level from `levelKey`; an unset format keeps `inherited`'s
    /// (gzip when there is none) and its level, unless `levelKey` sets one.
    private static func compression(
        format formatKey: String, level levelKey: String, in values: ConfigurationValues, inheriting inherited: Compression?
    ) throws(ConfigurationError) -> Compression {
        let base: Compression
        if let raw = values.string(formatKey) {
            base = try format(raw, setting: values.origin(formatKey))
            if let inherited, inherited.name == base.name {
                // Naming the format already in force keeps its level (e.g. BT_COMPRESS_LEVEL).
                return try withLevel(inherited, from: levelKey, in: values)
            }
        } else {
            base = inherited ?? .gzip
        }
        return try withLevel(base, from: levelKey, in: values)
    }

    /// `compression` with the level in setting `key`, when set.
    private static func withLevel(_ compression: Compression, from key: String, in values: ConfigurationValues) throws(ConfigurationError) -> Compression {
        guard let raw = values.string(key) else { return compression }
        let range: ClosedRange<Int>
        switch compression {
        case .none:
            throw values.error(key, "a level is set but compression is none: remove it, or choose gzip or zstd")
        case .gzip: range = Compression.gzipLevels
        case .zstd: range = Compression.zstdLevels
        }
        guard let level = Int(raw), range.contains(level) else {
            throw values.error(
                key, "'\(raw)' is not a \(compression.name) level: use a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        switch compression {
        case .none: return .none
        case .gzip: return .gzip(level: level)
        case .zstd: return .zstd(level: level)
        }
    }

    /// The format named by `raw`, at its default level.
    private static func format(_ raw: String, setting: String) throws(ConfigurationError) -> Compression {
        if let enabled = Bool(settingText: raw) { return enabled ? .gzip : .none }
        switch raw.trimmingWhitespace.lowercased() {
        case "gzip": return .gzip
        case "zstd": return .zstd
        case "none": return .none
        default:
            throw ConfigurationError(setting: setting, "'\(raw)' is not a compression: use gzip, zstd or none (or a boolean: true for gzip, false for none)")
        }
    }
}
