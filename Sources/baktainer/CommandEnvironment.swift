import ArgumentParser
import BaktainerCore
import Logging
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Start-up steps shared by the subcommands: read the configuration, connect to Docker, turn failures into a
/// one-line message and a non-zero exit instead of a stack trace.
enum CommandEnvironment {
    /// The setting values of this process: its environment over the file named by `BT_CONFIG_FILE`. The one
    /// place that reads the process environment; warnings go to standard error unless `printingWarnings` is
    /// false (the caller reports them).
    static func values(printingWarnings: Bool = true) throws -> ConfigurationValues {
        let values: ConfigurationValues
        do {
            values = try ConfigurationValues.load(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
        for warning in values.warnings where printingWarnings { LineLogHandler.standardError("warning: configuration: \(warning)\n") }
        return values
    }

    /// The configuration, every setting checked; each malformed one is reported on its own line.
    static func configuration() throws -> BaktainerConfiguration {
        let values = try values()
        do {
            return try BaktainerConfiguration(values: values)
        } catch {
            throw CommandFailure(error.errors.map { "configuration: \($0)" }.joined(separator: "\n"))
        }
    }

    /// Connects to the daemon, reporting failures with the setting to check.
    static func connect(_ configuration: BaktainerConfiguration) async throws -> DockerRuntime {
        try await connect(configuration.docker, values: configuration.values)
    }

    /// Connects to the daemon of `settings`; failures name where the endpoint came from in `values`.
    static func connect(_ settings: DockerSettings, values: ConfigurationValues) async throws -> DockerRuntime {
        do {
            return try await DockerRuntime.connect(settings)
        } catch let error as RuntimeError {
            throw failure(error, values: values)
        }
    }

    /// A connection failure as one line, naming where the endpoint came from in `values`.
    static func failure(_ error: RuntimeError, values: ConfigurationValues) -> CommandFailure {
        var message = error.message
        if error.code == .unreachable || error.code == .refused {
            let origin = values.entry(EnvironmentKey.dockerURL)?.source.description
            message += " (Docker endpoint from \(origin ?? "the default; set \(EnvironmentKey.dockerURL)"))"
        }
        return CommandFailure(message)
    }

    /// The backup directory as a storage, with the free-space guard of `configuration`.
    static func storage(_ configuration: BaktainerConfiguration) -> LocalBackupStorage {
        LocalBackupStorage(
            root: configuration.backup.backupDirectory, minimumFreeSpace: configuration.pipeline.minimumFreeSpace,
            createsParents: configuration.backup.createsBackupDirectoryParents)
    }

    /// What `backup` and `run` do before their first backup: warn when the backup directory would be lost with
    /// this container, and remove the partial files of runs that died.
    static func prepare(_ storage: LocalBackupStorage, logger: Logger) {
        if let warning = BackupDirectoryPlacement().warning(for: storage.root) { logger.warning("\(warning)") }
        for path in storage.removeStalePartialFiles() {
            logger.info("removed \(path): the unfinished file of a backup that was interrupted")
        }
    }
}

/// A failure reported as one readable line (ArgumentParser prints "Error: " and the description).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
