import ArgumentParser
import BaktainerCore
import Logging

/// The logging flags every command takes; they override `BT_LOG_LEVEL` / `LOG_LEVEL` and `BT_LOG_FORMAT`.
struct OutputOptions: ParsableArguments {
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default: BT_LOG_LEVEL, else info).")
    var logLevel: String?

    @Option(help: "Log format: text or json (default: BT_LOG_FORMAT, else text).")
    var logFormat: String?

    @Flag(name: .shortAndLong, help: "Log errors only, show no progress, and print the summary only when something failed.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log debug messages too.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if let logLevel, LogSettings.level(named: logLevel) == nil {
            throw ValidationError("--log-level '\(logLevel)' is not a log level: use trace, debug, info, notice, warning, error or critical")
        }
        if let logFormat, LogSettings.Format(rawValue: logFormat.lowercased()) == nil {
            throw ValidationError("--log-format '\(logFormat)' is not a log format: use text or json")
        }
    }

    /// The configured log settings with the flags applied.
    func settings(_ configured: LogSettings) -> LogSettings {
        var settings = configured
        if let logLevel, let level = LogSettings.level(named: logLevel) { settings.level = level }
        if let logFormat, let format = LogSettings.Format(rawValue: logFormat.lowercased()) { settings.format = format }
        if quiet { settings.level = .error }
        if verbose { settings.level = .debug }
        return settings
    }

    /// A logger writing to standard error under the configured settings and these flags.
    func logger(_ configuration: BaktainerConfiguration) -> Logger {
        LineLogHandler.logger(label: "baktainer", settings: settings(configuration.log))
    }
}
