import ArgumentParser
import BaktainerCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `baktainer config`: the effective configuration — every key, its value (secrets masked) and where it came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration: every setting, its value (secrets masked) and where it came from.",
        discussion: """
            Sources, strongest first: the setting's variable (BT_…), its older names (DOCKER_HOST, TZ, …), the YAML \
            file named by BT_CONFIG_FILE, the default. A file key is the variable without BT_, in lower case, each _ \
            free to be a level of nesting (BT_RETENTION_KEEP_DAILY: retention: {keep_daily: 7}). Exits 1, after the \
            table, when a value is malformed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Flag(help: "Print the reference of every variable, file key and label (docs/configuration.md) and exit.")
    var reference = false

    func run() throws {
        if reference {
            print(ConfigurationReference.markdown(), terminator: "")
            return
        }
        let values = try CommandEnvironment.values()
        let report = ConfigurationReport(values)
        switch format {
        case .table:
            print("configuration file: \(report.file ?? "none (set \(EnvironmentKey.configFile) to read one)")")
            print(report.table().rendered())
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        do {
            _ = try BaktainerConfiguration(values: values)
        } catch {
            throw CommandFailure(error.errors.map { "configuration: \($0)" }.joined(separator: "\n"))
        }
    }
}
