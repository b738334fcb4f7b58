import ArgumentParser
import BaktainerCore
import DockerEngineAPI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer list`: shows the containers marked for backup, each with what validation says of its labels.
struct ListCommand: ConfiguredCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the containers labelled baktainer.backup=true, or with --backups the backups kept.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Flag(name: .customLong("all"), help: "Include containers that are not running.")
    var includeStopped = false

    @Flag(help: "List the backups in BT_BACKUP_DIR (compressed and encrypted alike) instead of the containers.")
    var backups = false

    @Option(help: "With --backups: the destination to list (local, s3); its own listing, not a local record.")
    var destination = "local"

    @OptionGroup var output: OutputOptions

    func run(configuration: BaktainerConfiguration) async throws {
        if backups { return try await listBackups(configuration) }
        let labels = configuration.backup.discoveryLabels
        let runtime = try await CommandEnvironment.connect(configuration)
        var containers = try await ContainerDiscovery(runtime: runtime, labels: labels).labelledContainers(includeStopped: includeStopped)
        var validation: [String: String] = [:]
        let results = try await TargetDiscovery(runtime: runtime, labels: labels).targets()
        for result in results {
            switch result {
            case .success(let target): validation[target.containerName] = "ok"
            case .failure(let error): validation[error.containerName] = error.message
            }
        }
        for duplicate in DuplicateBackupName.find(in: results.compactMap { try? $0.get() }) {
            LineLogHandler.standardError("warning: \(duplicate)\n")
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

    /// The backups Baktainer wrote (its naming and JSON record), newest first per stream; no secret is in a record.
    private func listBackups(_ configuration: BaktainerConfiguration) async throws {
        let catalog: BackupCatalog
        do {
            catalog = try await ConfiguredDestinations.with(configuration) { destinations in
                try await destinations.storage(named: destination, local: LocalBackupStorage(root: configuration.backup.backupDirectory)).list()
            }
        } catch {
            throw error as? CommandFailure ?? CommandFailure((error as? StorageError)?.message ?? "cannot read the backup directory: \(error)")
        }
        for warning in catalog.warnings + catalog.staleFiles { LineLogHandler.standardError("warning: \(warning)\n") }
        let entries = catalog.entries.sorted { ($0.stream, $1.date) < ($1.stream, $0.date) }
        switch format {
        case .table:
            let rows = entries.map { entry in
                [
                    entry.stream.description, entry.date.formatted(.iso8601), "\(entry.record.size)", entry.record.compression ?? "none",
                    entry.record.encrypted == true ? "age" : "-", entry.location,
                ]
            }
            print(TextTable(header: ["TARGET", "TAKEN", "BYTES", "COMPRESSION", "ENCRYPTION", "FILE"], rows: rows).rendered())
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(entries.map(\.record)), as: UTF8.self))
        }
    }
}
