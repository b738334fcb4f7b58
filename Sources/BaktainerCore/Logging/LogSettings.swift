import Logging

/// How much Baktainer logs and in which shape, from `BT_LOG_LEVEL` (or the Ruby tool's `LOG_LEVEL`) and
/// `BT_LOG_FORMAT`; command-line flags override both.
package struct LogSettings: Sendable, Equatable {
    /// The line format.
    package enum Format: String, Sendable, CaseIterable {
        /// `2026-11-25T07:00:00Z info backup finished container=shop-db …`
        case text
        /// One JSON object per line.
        case json
    }

    /// The lowest level written.
    package var level: Logger.Level
    /// The line format.
    package var format: Format

    /// Creates settings.
    package init(level: Logger.Level = .info, format: Format = .text) {
        self.level = level
        self.format = format
    }

    /// Reads `BT_LOG_LEVEL` (older name `LOG_LEVEL`) and `BT_LOG_FORMAT`; a malformed value is an error naming
    /// the setting and its source.
    package init(configuration values: ConfigurationValues) throws(ConfigurationError) {
        self.init()
        if let raw = values.string(EnvironmentKey.logLevel) {
            guard let level = Self.level(named: raw) else {
                throw values.error(EnvironmentKey.logLevel, "'\(raw)' is not a log level: use trace, debug, info, notice, warning, error or critical")
            }
            self.level = level
        }
        if let raw = values.string(EnvironmentKey.logFormat) {
            guard let format = Format(rawValue: raw.lowercased()) else {
                throw values.error(EnvironmentKey.logFormat, "'\(raw)' is not a log format: use text or json")
            }
            self.format = format
        }
    }

    /// The level for a name, accepting the Ruby logger's `warn` and `fatal`; nil when unknown.
    package static func level(named name: String) -> Logger.Level? {
        switch name.lowercased() {
        case "warn": .warning
        case "fatal": .critical
        default: Logger.Level(rawValue: name.lowercased())
        }
    }
}
