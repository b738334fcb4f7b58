import ArgumentParser
import BaktainerCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Start-up steps shared by the subcommands: read settings, connect to Docker, turn failures into a
/// one-line message and a non-zero exit instead of a stack trace.
enum CommandEnvironment {
    /// Reads the Docker settings from the process environment.
    static func dockerSettings() throws -> DockerSettings {
        do {
            return try DockerSettings(environment: EnvironmentValues(ProcessInfo.processInfo.environment))
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
    }

    /// Reads where backups go and what happens to them on the way (compression, encryption, retention),
    /// reporting a malformed variable as a one-line failure.
    static func backupSettings(_ environment: EnvironmentValues) throws -> (BackupSettings, PipelineSettings) {
        do {
            return (try BackupSettings(environment: environment), try PipelineSettings(environment: environment))
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
    }

    /// Connects to the daemon, reporting failures with the setting to check.
    static func connect(_ settings: DockerSettings) async throws -> DockerRuntime {
        do {
            return try await DockerRuntime.connect(settings)
        } catch let error as RuntimeError {
            var message = error.message
            if error.code == .unreachable || error.code == .refused {
                message += " (Docker endpoint from \(EnvironmentKey.dockerURL), \(EnvironmentKey.dockerHost) or the default socket)"
            }
            throw CommandFailure(message)
        }
    }

    /// The backup directory as a storage, with the free-space guard of `pipeline`.
    static func storage(_ settings: BackupSettings, _ pipeline: PipelineSettings) -> LocalBackupStorage {
        LocalBackupStorage(root: settings.backupDirectory, minimumFreeSpace: pipeline.minimumFreeSpace)
    }
}

/// A failure reported as one readable line (ArgumentParser prints "Error: " and the description).
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
