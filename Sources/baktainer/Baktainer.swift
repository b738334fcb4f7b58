import ArgumentParser
import BaktainerCore

/// The `baktainer` command: backs up the databases in labelled Docker containers.
@main
struct Baktainer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baktainer",
        abstract: "Back up databases running in Docker containers, found by their baktainer.* labels.",
        version: BaktainerVersion.current,
        subcommands: [
            RunCommand.self, BackupCommand.self, RestoreCommand.self, VerifyCommand.self, ListCommand.self, ValidateCommand.self,
            PruneCommand.self, KeygenCommand.self,
            HealthcheckCommand.self, ConfigCommand.self,
        ]
    )
}
