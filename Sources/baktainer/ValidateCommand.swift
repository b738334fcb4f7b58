import ArgumentParser
import BaktainerCore
import DockerEngineAPI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer validate`: checks everything a backup needs without backing anything up: every setting (and
/// `BT_*` variables that are none), that the backup directory is writable, and for every running labelled
/// container its labels (and `baktainer.*` labels that are none), that its server accepts the resolved
/// credentials and holds its database, and that no two share a backup name.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration, the backup directory, and the labels and database connection of every running labelled container; back up nothing.",
        discussion: """
            Connects to each database with its resolved credentials through the engine's own client inside the \
            container (mongodb and custom targets are not connected to). Prints one line per problem and a table of \
            containers. Exits 1 if anything is wrong.
            """)

    @Argument(help: "Check only these containers (names or baktainer.name values); default: all.")
    var names: [String] = []

    @Flag(help: "Print the labels to set instead of old (the Ruby tool's baktainer.backup.*) or misspelled ones.")
    var suggest = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let values = try CommandEnvironment.values(printingWarnings: false)
        let unknownWarnings = Set(values.unknownVariables.map(\.warning))
        for warning in values.warnings where !unknownWarnings.contains(warning) {
            LineLogHandler.standardError("warning: configuration: \(warning)\n")
        }
        var problems = values.unknownVariables.map { "configuration: \($0)" }
        var backupSettings: BackupSettings?
        var dockerSettings: DockerSettings?
        do {
            let configuration = try BaktainerConfiguration(values: values)
            backupSettings = configuration.backup
            dockerSettings = configuration.docker
        } catch {
            // Report every malformed setting, and still check the rest when their own settings are usable.
            problems += error.errors.map { "configuration: \($0)" }
            dockerSettings = try? DockerSettings(configuration: values)
            backupSettings = try? BackupSettings(configuration: values)
        }
        if let backupSettings {
            switch BackupDirectoryCheck.check(backupSettings.backupDirectory, setting: values.origin(EnvironmentKey.backupDirectory)) {
            case .writable: break
            case .willBeCreated:
                if !output.quiet { print("backup directory \(backupSettings.backupDirectory) does not exist yet; the first backup creates it") }
            case .problem(let message): problems.append("backup directory: \(message)")
            }
        }
        if let configuration = try? BaktainerConfiguration(values: values) {
            do {
                problems += try await ConfiguredDestinations.with(configuration) { destinations in
                    var found: [String] = []
                    for destination in destinations.all {
                        do {
                            try await destination.probe()
                            if !output.quiet { print("destination \(destination.name): answers, credentials accepted, writable") }
                        } catch {
                            found.append((error as? StorageError)?.message ?? "destination \(destination.name): \(error)")
                        }
                    }
                    return found
                }
            } catch {
                problems.append("\(error)")
            }
            // Notification channels are read, not tried (sending is `baktainer notify test`).
            do {
                try await ConfiguredNotifier.with(configuration, logger: output.logger(configuration)) { notifier in
                    if !output.quiet && notifier.isEnabled {
                        print("notifications: \(notifier.channels.map(\.displayName).joined(separator: ", ")) (try them: baktainer notify test)")
                    }
                }
            } catch {
                problems.append("\(error)")
            }
        }
        var rows: [[String]] = []
        if let dockerSettings {
            do {
                let runtime = try await CommandEnvironment.connect(dockerSettings, values: values)
                let labels = backupSettings?.discoveryLabels ?? [BackupLabel.backupFilter]
                rows = try await checkContainers(runtime: runtime, labels: labels, problems: &problems)
            } catch {
                problems.append("docker: \(error)")
            }
        }
        if !rows.isEmpty {
            print(TextTable(header: ["CONTAINER", "ENGINE", "BACKUP NAME", "LABELS", "CONNECTION"], rows: rows).rendered())
        } else if problems.isEmpty {
            print("no running container is labelled \(BackupLabel.backupFilter)")
        }
        for problem in problems { LineLogHandler.standardError("invalid: \(problem)\n") }
        if !problems.isEmpty { throw ExitCode(1) }
        if !output.quiet { print("configuration, backup directory, labels and connections are valid") }
    }

    /// Checks the running containers carrying `labels` (those named, if any): their labels, their database
    /// connection, and backup names shared with any other target. Returns the table rows.
    private func checkContainers(runtime: DockerRuntime, labels: [String], problems: inout [String]) async throws -> [[String]] {
        let containers = try await runtime.containers(labels: labels, includeStopped: false)
            .filter { names.isEmpty || names.contains($0.name) || names.contains($0.labels[BackupLabel.name] ?? "") }
        for name in names where !containers.contains(where: { $0.name == name || $0.labels[BackupLabel.name] == name }) {
            problems.append("no running container labelled \(labels.joined(separator: ", ")) is named '\(name)'")
        }
        let selected = Set(containers.map(\.name))
        for container in containers.sorted(by: { $0.name < $1.name }) {
            problems += UnknownLabel.find(in: container, filters: labels).map(\.description)
            if suggest {
                for suggestion in LabelSuggestion.suggest(for: container, filters: labels) { print("suggest: \(suggestion)") }
            }
        }
        let results = try await TargetDiscovery(runtime: runtime, labels: labels).targets()
        let checker = ConnectionChecker(runtime: runtime)
        var rows: [[String]] = []
        var targets: [BackupTarget] = []
        for result in results {
            switch result {
            case .success(let target):
                targets.append(target)
                guard selected.contains(target.containerName) else { continue }
                let connection: String
                switch await checker.check(target) {
                case .connected: connection = "ok"
                case .unchecked(let note): connection = note
                case .failed(let message):
                    connection = "failed"
                    problems.append(message)
                }
                rows.append([target.containerName, target.engine.identifier, target.backupName, "ok", connection])
            case .failure(let error):
                guard selected.contains(error.containerName) else { continue }
                rows.append([error.containerName, "-", "-", error.message, "-"])
                problems.append(error.description)
            }
        }
        for duplicate in DuplicateBackupName.find(in: targets) where duplicate.containers.contains(where: selected.contains) {
            problems.append(duplicate.description)
        }
        return rows
    }
}
