import Foundation
import Testing

/// The real-Docker test bed: runs the `docker` CLI to set up and tear down containers for the tests.
///
/// The client under test never uses the CLI; the tests use it as an independent witness. Every container
/// carries `baktainer.test=<run id>` and `baktainer.test.owner=<this process>` and is removed when its test
/// ends; `scripts/testbed-clean.sh` removes those whose owner has ended (a crashed run's), never a live run's.
/// `scripts/test.sh` guarantees the daemon is up and the fixture images (`baktainer-fixture/<name>:current`) exist.
enum TestBed {
    /// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's pick).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestBedError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw TestBedError("bind() to a free port failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The label every test container carries.
    static let testLabel = "baktainer.test"
    /// The label naming the process that owns a test container.
    static let ownerLabel = "baktainer.test.owner"

    /// This test process as `scripts/testbed-lib.sh` names an owner: `<boot id, 8 chars>-<pid>-<start time in
    /// clock ticks>`, which no later process with the same pid shares.
    static let owner: String = {
        let bootID = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        let stat = (try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8)) ?? ""
        // The fields after "pid (comm) ": the start time, field 22 of stat, is the 20th.
        let fields = stat[(stat.range(of: ") ", options: .backwards)?.upperBound ?? stat.endIndex)...].split(separator: " ")
        let startTime = fields.count > 19 ? String(fields[19]) : "0"
        return "\(bootID.prefix(8))-\(ProcessInfo.processInfo.processIdentifier)-\(startTime)"
    }()

    /// What a finished tool printed and how it exited.
    struct ToolOutcome {
        var status: Int32
        /// Stdout as bytes.
        var data: Data
        var errors: String
        /// Stdout as text.
        var output: String { String(decoding: data, as: UTF8.self) }
    }

    /// Runs `executable` to the end without blocking a cooperative thread: output goes to temporary files and
    /// the wait is a poll with short sleeps, so that many tests running in parallel on few cores never starve
    /// the pool that every test's timing depends on.
    static func tool(_ executable: String, _ arguments: [String], stdin: Data? = nil) async throws -> ToolOutcome {
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("bt-tool-\(UUID().uuidString)")
        let (output, errors, input) = (stem.appendingPathExtension("out"), stem.appendingPathExtension("err"), stem.appendingPathExtension("in"))
        defer { for file in [output, errors, input] { try? FileManager.default.removeItem(at: file) } }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        if let stdin {
            try stdin.write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return ToolOutcome(
            status: process.terminationStatus, data: try Data(contentsOf: output), errors: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }

    /// Runs `docker` with `arguments`; returns stdout, throwing with stderr when it exits non-zero.
    @discardableResult
    static func docker(_ arguments: [String], stdin: Data? = nil) async throws -> String {
        let outcome = try await tool("/usr/bin/env", ["docker"] + arguments, stdin: stdin)
        guard outcome.status == 0 else {
            throw TestBedError("docker \(arguments.prefix(3).joined(separator: " ")) exited \(outcome.status): \(outcome.errors)")
        }
        return outcome.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the server in fixture container `name` answers (scripts/testbed-wait.sh, at most 180 s).
    static func waitReady(_ name: String, engine: String) async throws {
        let outcome = try await tool(waitScript, [name, engine, "180"])
        guard outcome.status == 0 else { throw TestBedError("\(name) did not become ready: \(outcome.errors.suffix(2000))") }
    }

    private static let waitScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scripts/testbed-wait.sh").path

    /// The fixtures whose first start initialises a database server (slow, CPU- and fsync-heavy).
    private static let serverFixtures: Set<String> = ["postgres", "mariadb", "mysql", "mariadb11"]

    /// At most three database fixtures initialise at once (see `FixtureStartLimiter`).
    private static let fixtureStarts = FixtureStartLimiter(slots: 3)

    /// A fresh run id for labels and names.
    static func runID() -> String {
        "t" + UUID().uuidString.prefix(8).lowercased()
    }

    /// Starts a detached container from fixture image `fixture` and returns its name.
    static func startContainer(
        fixture: String, labels: [String: String] = [:], environment: [String: String] = [:], command: [String] = [],
        runID: String
    ) async throws -> String {
        let name = "bt-\(runID)-\(fixture)-\(UUID().uuidString.prefix(4).lowercased())"
        var arguments = ["run", "-d", "--network", "none", "--name", name, "--label", "\(testLabel)=\(runID)", "--label", "\(ownerLabel)=\(owner)"]
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) { arguments += ["--label", "\(key)=\(value)"] }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments.append("baktainer-fixture/\(fixture):current")
        arguments += command
        guard serverFixtures.contains(fixture), command.isEmpty else {
            try await docker(arguments)
            return name
        }
        try await fixtureStarts.withSlot { [arguments] in
            try await docker(arguments)
            // Best effort: the test's own waitReady decides, with its own limit and the container's log.
            _ = try? await tool(waitScript, [name, fixture, "180"])
        }
        return name
    }

    /// Removes every container of `runID`.
    static func removeContainers(runID: String) async {
        let ids = (try? await docker(["ps", "-aq", "--filter", "label=\(testLabel)=\(runID)"])) ?? ""
        let list = ids.split(separator: "\n").map(String.init)
        if !list.isEmpty { _ = try? await docker(["rm", "-fv"] + list) }
    }

    /// Runs `body` with a fresh run id, removing that run's containers afterwards, also on failure.
    static func withRun<Result>(_ body: (String) async throws -> Result) async throws -> Result {
        let id = runID()
        do {
            let result = try await body(id)
            await removeContainers(runID: id)
            return result
        } catch {
            await removeContainers(runID: id)
            throw error
        }
    }

    /// The command lines of every process in `container`, one per entry.
    static func processCommandLines(in container: String) async throws -> [String] {
        let output = try await docker([
            "exec", container, "sh", "-c",
            #"for p in /proc/[0-9]*; do tr '\0' ' ' < "$p/cmdline" 2>/dev/null; echo; done"#,
        ])
        return output.split(separator: "\n").map(String.init)
    }
}

/// A failure of the test bed itself (not of the code under test).
struct TestBedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
