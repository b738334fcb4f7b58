#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The whole configuration, built once at start-up by the executable and passed down: the setting values with
/// their sources (``values``), and the typed settings every part of Baktainer takes.
///
/// Nothing reads the process environment afterwards. Every setting is checked here, so a malformed value in a
/// variable or in the file stops start-up whatever the command.
package struct BaktainerConfiguration: Sendable {
    /// The values and where each came from, for `baktainer config` and for errors.
    package let values: ConfigurationValues
    /// How to reach Docker.
    package let docker: DockerSettings
    /// Where backups go, how many run at once, which containers are selected.
    package let backup: BackupSettings
    /// Compression, encryption, retention and the free-space guard.
    package let pipeline: PipelineSettings
    /// The daemon's schedule, retries, shutdown and status server.
    package let daemon: DaemonSettings
    /// Log level and format (command-line flags may override them).
    package let log: LogSettings

    /// Builds every setting from `values`; throws every malformed one (the first per settings group), each
    /// naming its setting and source. `readFile` reads the files settings name (age keys; tests may stub it).
    package init(
        values: ConfigurationValues, readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationErrors) {
        var errors: [ConfigurationError] = []
        func read<Settings>(_ build: () throws(ConfigurationError) -> Settings) -> Settings? {
            do {
                return try build()
            } catch {
                errors.append(error)
                return nil
            }
        }
        let docker = read { () throws(ConfigurationError) in try DockerSettings(configuration: values) }
        let backup = read { () throws(ConfigurationError) in try BackupSettings(configuration: values) }
        let log = read { () throws(ConfigurationError) in try LogSettings(configuration: values) }
        let daemon = read { () throws(ConfigurationError) in try DaemonSettings(configuration: values) }
        let compression = read { () throws(ConfigurationError) in try CompressionSettings(configuration: values) }
        let encryption = read { () throws(ConfigurationError) in try EncryptionSettings(configuration: values, readFile: readFile) }
        let retention = read { () throws(ConfigurationError) in try RetentionSettings(configuration: values) }
        let freeSpace = read { () throws(ConfigurationError) in try FreeSpaceGuard(configuration: values) }
        guard let docker, let backup, let log, let daemon, let compression, let encryption, let retention, let freeSpace else {
            throw ConfigurationErrors(errors)
        }
        self.pipeline = PipelineSettings(
            compression: compression, encryption: encryption, retention: retention, timeZone: daemon.timeZone, minimumFreeSpace: freeSpace)
        self.values = values
        self.docker = docker
        self.backup = backup
        self.daemon = daemon
        self.log = log
    }
}
