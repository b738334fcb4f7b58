import Foundation

extension BaktainerProcess {
    /// Runs `baktainer ARGUMENTS` to the end without blocking a cooperative thread while it runs: the wait is
    /// a poll with short sleeps, so many parallel tests cannot starve the pool.
    static func runAsync(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        let running = try BaktainerProcess(arguments, environment: environment)
        while running.process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
        }
        return try running.finish()
    }
}
