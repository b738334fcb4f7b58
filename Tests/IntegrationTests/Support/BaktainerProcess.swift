import Foundation

/// The `baktainer` executable as a user runs it, built beside this test bundle. Output goes to temporary
/// files, so a chatty run never blocks on a full pipe.
struct BaktainerProcess {
    /// What a finished run printed and how it exited.
    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    let process = Process()
    private let outputFile: URL
    private let errorFile: URL

    /// Settings every run gets unless `environment` says otherwise: test backup directories live two levels
    /// below `/var/tmp` (`/var/tmp/bt-<suite>-tests/<id>`), so their parents may be created too.
    static let defaultEnvironment = ["BT_BACKUP_DIR_CREATE_PARENTS": "true"]

    /// Starts `baktainer ARGUMENTS` with the test process's environment plus ``defaultEnvironment`` plus `environment`.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = directory.appendingPathComponent("baktainer")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw TestBedError("no baktainer binary at \(binary.path): run `swift build` first")
        }
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("bt-cli-\(UUID().uuidString)")
        outputFile = stem.appendingPathExtension("out")
        errorFile = stem.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = binary
        process.arguments = arguments
        // The test script's own switches (BT_TEST_LINT, BT_TEST_KEEP) are not Baktainer settings: `validate` would flag them.
        let inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BT_TEST_") }
        process.environment = inherited.merging(Self.defaultEnvironment) { $1 }.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    /// Runs `baktainer ARGUMENTS` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        try await BaktainerProcess(arguments, environment: environment).finish()
    }

    /// Waits for the run to end and returns what it printed. The wait is a poll with short sleeps, never a
    /// blocked cooperative thread (see ``TestBed/tool(_:_:stdin:)``).
    func finish() async throws -> Outcome {
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        return Outcome(
            status: process.terminationStatus, output: try String(contentsOf: outputFile, encoding: .utf8),
            errors: try String(contentsOf: errorFile, encoding: .utf8))
    }
}
