import DockerEngineAPI
import Foundation
import Testing

/// Connection failures give clear errors, never a crash or a hang.
@Suite struct ConnectionFailureTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bt-conn-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func connect(_ path: String, answerTimeout: Duration = .seconds(30)) async throws -> DockerClient {
        try await DockerClient.connect(
            configuration: .init(
                endpoint: .unixSocket(path: path),
                retry: RetryPolicy(maximumAttempts: 2, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(20)),
                answerTimeout: answerTimeout))
    }

    @Test func wrongSocketPathSaysTheSocketIsMissing() async {
        let path = directory.appendingPathComponent("nothing.sock").path
        await #expect {
            _ = try await connect(path)
        } throws: { error in
            let error = error as? DockerError
            return error?.code == .socketMissing && error?.message.contains(path) == true
        }
    }

    /// A socket file nobody listens on is what a stopped (or crashed) daemon leaves behind.
    @Test func stoppedDaemonIsConnectionRefused() async throws {
        let path = directory.appendingPathComponent("dead.sock").path
        try runPython("import socket; s = socket.socket(socket.AF_UNIX); s.bind('\(path)')")
        await #expect {
            _ = try await connect(path)
        } throws: { error in
            (error as? DockerError)?.code == .connectionRefused
        }
    }

    /// A daemon frozen with SIGSTOP still accepts connections but never answers.
    @Test func daemonThatNeverAnswersTimesOut() async throws {
        let path = directory.appendingPathComponent("frozen.sock").path
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = [
            "python3", "-c",
            "import socket, time; s = socket.socket(socket.AF_UNIX); s.bind('\(path)'); s.listen(8); print('ready', flush=True); time.sleep(60)",
        ]
        let ready = Pipe()
        listener.standardOutput = ready
        try listener.run()
        defer { listener.terminate() }
        _ = ready.fileHandleForReading.availableData
        await #expect {
            _ = try await connect(path, answerTimeout: .seconds(1))
        } throws: { error in
            (error as? DockerError)?.code == .daemonNotAnswering
        }
    }

    @Test func notASocketIsReported() async throws {
        let path = directory.appendingPathComponent("plain-file").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        await #expect {
            _ = try await connect(path)
        } throws: { error in
            [.socketMissing, .connectionRefused].contains((error as? DockerError)?.code)
        }
    }

    private func runPython(_ code: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestBedError("python3 failed") }
    }
}
