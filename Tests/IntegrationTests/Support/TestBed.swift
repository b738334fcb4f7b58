import Foundation
import Testing

/// The real-Docker test bed: runs the `docker` CLI to set up and tear down containers for the tests.
///
/// The client under test never uses the CLI; the tests use it as an independent witness. Every container
/// carries `baktainer.test=<run id>` and is removed when its test ends. `scripts/test.sh` guarantees the
/// daemon is up and the fixture images (`baktainer-fixture/<name>:current`) exist.
enum TestBed {
    /// The label every test container carries.
    static let testLabel = "baktainer.test"

    /// Runs `docker` with `arguments`; returns stdout, throwing with stderr when it exits non-zero.
    @discardableResult
    static func docker(_ arguments: [String], stdin: Data? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker"] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let input = Pipe()
        if stdin != nil { process.standardInput = input }
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestBedError(
                "docker \(arguments.prefix(3).joined(separator: " ")) exited \(process.terminationStatus): \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh run id for labels and names.
    static func runID() -> String {
        "t" + UUID().uuidString.prefix(8).lowercased()
    }

    /// Starts a detached container from fixture image `fixture` and returns its name.
    static func startContainer(
        fixture: String, labels: [String: String] = [:], environment: [String: String] = [:], command: [String] = [],
        runID: String
    ) throws -> String {
        let name = "bt-\(runID)-\(fixture)-\(UUID().uuidString.prefix(4).lowercased())"
        var arguments = ["run", "-d", "--network", "none", "--name", name, "--label", "\(testLabel)=\(runID)"]
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) { arguments += ["--label", "\(key)=\(value)"] }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append("baktainer-fixture/\(fixture):current")
        arguments += command
        try docker(arguments)
        return name
    }

    /// Removes every container of `runID`.
    static func removeContainers(runID: String) {
        let ids = (try? docker(["ps", "-aq", "--filter", "label=\(testLabel)=\(runID)"])) ?? ""
        let list = ids.split(separator: "\n").map(String.init)
        if !list.isEmpty { _ = try? docker(["rm", "-fv"] + list) }
    }

    /// Runs `body` with a fresh run id, removing that run's containers afterwards, also on failure.
    static func withRun<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let id = runID()
        defer { removeContainers(runID: id) }
        return try await body(id)
    }

    /// The command lines of every process in `container`, one per entry.
    static func processCommandLines(in container: String) throws -> [String] {
        let output = try docker([
            "exec", container, "sh", "-c",
            #"for p in /proc/[0-9]*; do tr '\0' ' ' < "$p/cmdline" 2>/dev/null; echo; done"#,
        ])
        return output.split(separator: "\n").map(String.init)
    }

    /// The resident memory of this test process in bytes.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return 0 }
        let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
        return kilobytes * 1024
    }
}

/// A failure of the test bed itself (not of the code under test).
struct TestBedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
