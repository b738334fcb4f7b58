import Foundation
import Testing

/// `baktainer list` as a user runs it: the real binary against the real daemon.
@Suite struct ListCommandTests {
    /// The `baktainer` executable built beside this test bundle.
    private static func binary() throws -> URL {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let url = directory.appendingPathComponent("baktainer")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestBedError("no baktainer binary at \(url.path): run `swift build` first")
        }
        return url
    }

    private func runList(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["list"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func printsLabelledContainersAsTableAndJSONWithoutSecrets() async throws {
        try await TestBed.withRun { run in
            let name = try TestBed.startContainer(
                fixture: "sqlite",
                labels: [
                    "baktainer.backup": "true", "baktainer.db.engine": "sqlite", "baktainer.db.name": "/data/\(run).db",
                    "baktainer.db.password": "never-print-\(run)",
                ], runID: run)
            let table = try runList([])
            #expect(table.status == 0, "stderr: \(table.errors)")
            let row = try #require(table.output.split(separator: "\n").first { $0.hasPrefix(name) })
            #expect(row.split(separator: " ", omittingEmptySubsequences: true).map(String.init) == [name, "sqlite", "/data/\(run).db", name, "running", "ok"])
            #expect(table.output.hasPrefix("NAME"))

            let json = try runList(["--format", "json"])
            #expect(json.status == 0)
            let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
            let entry = try #require(decoded?.first { $0["name"] as? String == name })
            #expect(entry["engine"] as? String == "sqlite")
            #expect(entry["database"] as? String == "/data/\(run).db")
            #expect(entry["validation"] as? String == "ok")
            #expect(!table.output.contains("never-print") && !json.output.contains("never-print"))
        }
    }

    @Test func wrongSocketIsAOneLineErrorNotACrash() throws {
        let result = try runList([], environment: ["BT_DOCKER_URL": "unix:///nonexistent/docker.sock"])
        #expect(result.status != 0)
        #expect(result.errors.contains("no Docker socket at unix:///nonexistent/docker.sock"))
        #expect(result.errors.contains("BT_DOCKER_URL"))
        #expect(result.errors.split(separator: "\n").count <= 2)
    }
}
