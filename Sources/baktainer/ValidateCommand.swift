import ArgumentParser
import BaktainerCore
import DockerEngineAPI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer validate`: checks every setting and every labelled container without backing anything up.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration and the labels of every running labelled container; back up nothing.",
        discussion: "Prints one line per problem and a table of containers. Exits 1 if anything is wrong.")

    @Argument(help: "Check only these containers (names or baktainer.name values); default: all.")
    var names: [String] = []

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let values = try CommandEnvironment.values()
        var problems: [String] = []
        var labels = [BackupLabel.backupFilter]
        var dockerSettings: DockerSettings?
        do {
            let configuration = try BaktainerConfiguration(values: values)
            labels = configuration.backup.discoveryLabels
            dockerSettings = configuration.docker
        } catch {
            // Report every malformed setting, and still check the labels when Docker's own settings are usable.
            problems += error.errors.map { "configuration: \($0)" }
            dockerSettings = try? DockerSettings(configuration: values)
            labels = (try? BackupSettings(configuration: values).discoveryLabels) ?? labels
        }
        var rows: [[String]] = []
        if let dockerSettings {
            do {
                let runtime = try await CommandEnvironment.connect(dockerSettings, values: values)
                for result in try await TargetDiscovery(runtime: runtime, labels: labels).targets(named: names) {
                    switch result {
                    case .success(let target):
                        rows.append([target.containerName, target.engine.identifier, target.backupName, "ok"])
                    case .failure(let error):
                        rows.append([error.containerName, "-", "-", error.message])
                        problems.append(error.description)
                    }
                }
            } catch {
                problems.append("docker: \(error)")
            }
        }
        if !rows.isEmpty {
            print(TextTable(header: ["CONTAINER", "ENGINE", "BACKUP NAME", "VALIDATION"], rows: rows).rendered())
        } else if problems.isEmpty {
            print("no running container is labelled \(BackupLabel.backupFilter)")
        }
        for problem in problems { LineLogHandler.standardError("invalid: \(problem)\n") }
        if !problems.isEmpty { throw ExitCode(1) }
        if !output.quiet { print("configuration and labels are valid") }
    }
}
