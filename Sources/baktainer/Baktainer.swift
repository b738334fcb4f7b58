import ArgumentParser
import BaktainerCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `baktainer` command: backs up the databases in labelled Docker containers.
@main
struct Baktainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baktainer",
        abstract: "Back up databases running in Docker containers, found by their baktainer.* labels.",
        version: BaktainerVersion.current,
        subcommands: [
            RunCommand.self, BackupCommand.self, RestoreCommand.self, VerifyCommand.self, ListCommand.self, ValidateCommand.self,
            PruneCommand.self, KeygenCommand.self, NotifyCommand.self,
            HealthcheckCommand.self, ConfigCommand.self,
        ]
    )

    /// Runs the command line; a first word that names no subcommand gets "did you mean" and exit status 64.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = arguments.first, let message = unknownSubcommand(word) {
            LineLogHandler.standardError("Error: \(message)\nUsage: baktainer <subcommand>\n  See 'baktainer --help' for more information.\n")
            Self.exit(withError: ExitCode.validationFailure)
        }
        await main(arguments)
    }

    /// Without a subcommand there is nothing to do: the help goes to standard error and the exit status is 64.
    func run() throws {
        LineLogHandler.standardError(Self.helpMessage() + "\n")
        throw ExitCode.validationFailure
    }

    /// Why `word`, the first argument, is not a subcommand, with the closest one; nil for a subcommand or an option.
    static func unknownSubcommand(_ word: String) -> String? {
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        guard !word.hasPrefix("-"), !names.contains(word) else { return nil }
        let suggestion = NameSuggestion.closest(to: word, among: names).map { " (did you mean \($0)?)" } ?? ""
        return "'\(word)' is not a baktainer command\(suggestion); the commands are \(names.dropLast().joined(separator: ", "))"
    }
}
