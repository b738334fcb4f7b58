import ArgumentParser
import BaktainerCore
import DockerEngineAPI
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
    static func connect(_ settings: DockerSettings) async throws -> DockerClient {
        do {
            return try await DockerClient.connect(configuration: settings.clientConfiguration)
        } catch let error as DockerError {
            var message = error.message
            switch error.code {
            case .socketMissing, .permissionDenied, .connectionRefused, .daemonNotAnswering, .invalidEndpoint:
                message += " (Docker endpoint from \(EnvironmentKey.dockerURL), \(EnvironmentKey.dockerHost) or the default socket)"
            default:
                break
            }
            throw CommandFailure(message)
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
