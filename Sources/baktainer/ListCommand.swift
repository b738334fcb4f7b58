import ArgumentParser
import BaktainerCore
import DockerEngineAPI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer list`: shows the containers marked for backup, each with what validation says of its labels.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the containers labelled baktainer.backup=true.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Flag(name: .customLong("all"), help: "Include containers that are not running.")
    var includeStopped = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let settings = try CommandEnvironment.dockerSettings()
        let labels: [String]
        do {
            labels = try BackupSettings(environment: EnvironmentValues(ProcessInfo.processInfo.environment)).discoveryLabels
        } catch {
            throw CommandFailure("configuration: \(error)")
        }
        let client = try await CommandEnvironment.connect(settings)
        var containers = try await ContainerDiscovery(runtime: client, labels: labels).labelledContainers(includeStopped: includeStopped)
        var validation: [String: String] = [:]
        for result in try await TargetDiscovery(client: client, labels: labels).targets() {
            switch result {
            case .success(let target): validation[target.containerName] = "ok"
            case .failure(let error): validation[error.containerName] = error.message
            }
        }
        for index in containers.indices { containers[index].validation = validation[containers[index].name] }
        switch format {
        case .table:
            print(containers.table().rendered())
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(containers), as: UTF8.self))
        }
    }
}
