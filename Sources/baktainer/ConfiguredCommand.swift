import ArgumentParser
import BaktainerCore

/// A subcommand that needs the configuration: `run()` builds it once from the process environment (and the
/// file named by `BT_CONFIG_FILE`) and hands it to ``run(configuration:)``; nothing reads the environment later.
protocol ConfiguredCommand: AsyncParsableCommand {
    /// Runs the command with the configuration built at start-up.
    func run(configuration: BaktainerConfiguration) async throws
}

extension ConfiguredCommand {
    func run() async throws {
        try await run(configuration: CommandEnvironment.configuration())
    }
}
