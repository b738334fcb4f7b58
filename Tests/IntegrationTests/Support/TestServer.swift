import Foundation

/// A server a test-bed script starts for one test and stops after it (`scripts/testbed-*.sh start | stop PID`).
protocol TestServer {
    /// Starts a server.
    static func start() async throws -> Self
    /// Stops it and removes its files.
    func stop() async
}

extension TestServer {
    /// Runs `body` with a server, stopping it afterwards, also on failure.
    static func with<Result>(_ body: (Self) async throws -> Result) async throws -> Result {
        try await with(starting: start, body)
    }

    /// Runs `body` with the server `start` starts, stopping it afterwards, also on failure.
    static func with<Result>(starting start: () async throws -> Self, _ body: (Self) async throws -> Result) async throws -> Result {
        let server = try await start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Runs `script start ARGUMENTS` and returns the `NAME=value` lines it printed, requiring `names`.
    static func launch(_ script: String, _ arguments: [String] = [], requiring names: [String]) async throws -> [String: String] {
        let outcome = try await TestBed.tool(script, ["start"] + arguments)
        guard outcome.status == 0 else { throw TestBedError("\(script) start exited \(outcome.status): \(outcome.errors)") }
        var values: [String: String] = [:]
        for line in outcome.output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard names.allSatisfy({ values[$0] != nil }) else { throw TestBedError("\(script) start printed no server: \(outcome.output)") }
        return values
    }

    /// `scripts/NAME` of this repository.
    static func script(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/\(name)").path
    }
}
