import BaktainerCore
import NIOCore
import Synchronization

/// A ``ContainerRuntime`` in memory with the real one's shape: containers to list and inspect, and execs whose
/// output, exit status and failures a test scripts by command. Records what ran (and what was written to stdin).
final class FakeRuntime: ContainerRuntime {
    /// What one exec does.
    struct Script: Sendable {
        /// Stdout, in pieces.
        var stdout: [[UInt8]] = []
        /// The exit code reported by `wait()`.
        var exitCode = 0
        /// The stderr tail.
        var stderr = ""
        /// Thrown after the stdout pieces (a stream cut mid-dump), instead of ending cleanly.
        var failure: (any Error & Sendable)?
        /// A pause before each piece (a slow dump), so that a test can cancel or shut down meanwhile.
        var pause: Duration?
        /// Held before the first piece until the test opens it: a dump that lasts exactly as long as the test wants,
        /// whatever the load on the machine.
        var gate: Gate?

        static func output(_ text: String, exitCode: Int = 0, stderr: String = "") -> Script {
            Script(stdout: [Array(text.utf8)], exitCode: exitCode, stderr: stderr)
        }
    }

    /// One exec as it ran.
    struct Run: Sendable, Equatable {
        var command: ContainerCommand
        var container: String
        var stdin: [UInt8]
        /// Whether stdin was ended cleanly (the tool saw end of input rather than being stopped).
        var stdinFinished = false
    }

    let id: RuntimeID
    private struct State {
        var containers: [ContainerInfo] = []
        var runs: [Run] = []
        var unreachable = false
        var removed: [String] = []
        var started: [ThrowawayContainer] = []
        var restarted: [String] = []
    }
    private let state = Mutex(State())
    private let script: @Sendable (ContainerCommand, String) -> Script

    /// A runtime holding `containers`, answering execs with `script(command, container)`.
    init(id: RuntimeID = .local, containers: [ContainerInfo] = [], script: @escaping @Sendable (ContainerCommand, String) -> Script) {
        self.id = id
        self.script = script
        state.withLock { $0.containers = containers }
    }

    var runs: [Run] { state.withLock { $0.runs } }
    var removed: [String] { state.withLock { $0.removed } }
    var started: [ThrowawayContainer] { state.withLock { $0.started } }
    var restarted: [String] { state.withLock { $0.restarted } }

    /// While true every call fails as an unreachable Docker would.
    var unreachable: Bool {
        get { state.withLock { $0.unreachable } }
        set { state.withLock { $0.unreachable = newValue } }
    }

    func setContainers(_ containers: [ContainerInfo]) { state.withLock { $0.containers = containers } }

    private func checkReachable() throws {
        if unreachable { throw RuntimeError(.unreachable, "Cannot connect to the Docker daemon (fake)") }
    }

    func containers(labels: [String], includeStopped: Bool) async throws -> [ContainerInfo] {
        try checkReachable()
        return state.withLock { $0.containers }.filter { container in
            (includeStopped || container.isRunning)
                && labels.allSatisfy { filter in
                    let parts = filter.split(separator: "=", maxSplits: 1).map(String.init)
                    return parts.count == 1 ? container.labels[parts[0]] != nil : container.labels[parts[0]] == parts[1]
                }
        }.map { ContainerInfo(id: $0.id, name: $0.name, image: $0.image, labels: $0.labels, state: $0.state) }
    }

    func inspect(_ container: String) async throws -> ContainerInfo {
        try checkReachable()
        guard let found = state.withLock({ $0.containers }).first(where: { $0.id == container || $0.name == container }) else {
            throw RuntimeError(.notFound, "No such container: \(container)")
        }
        return found
    }

    func withExec<Result>(_ command: ContainerCommand, in container: String, _ body: (ExecHandle) async throws -> Result) async throws -> Result {
        let info = try await inspect(container)
        guard info.isRunning else { throw RuntimeError(.notRunning, "container \(container) is not running") }
        let script = self.script(command, info.name)
        let index = state.withLock { state in
            state.runs.append(Run(command: command, container: info.name, stdin: []))
            return state.runs.count - 1
        }
        let cursor = ExecCursor()
        let stdout = ByteStream(next: {
            if cursor.next < script.stdout.count {
                if let pause = script.pause { try await Task.sleep(for: pause) }
                if cursor.next == 0, let gate = script.gate { await gate.wait() }
                let piece = script.stdout[cursor.next]
                cursor.next += 1
                cursor.bytes += piece.count
                return ByteBuffer(bytes: piece)
            }
            if let failure = script.failure, cursor.next == script.stdout.count {
                cursor.next += 1
                throw failure
            }
            return nil
        })
        let stdin =
            command.attachStdin
            ? FakeStdin(
                record: { bytes in self.state.withLock { $0.runs[index].stdin += bytes } },
                finished: { self.state.withLock { $0.runs[index].stdinFinished = true } }) : nil
        return try await body(
            ExecHandle(
                stdout: stdout, stdin: stdin,
                wait: {
                    for try await _ in stdout {}
                    return ExecExit(exitCode: script.exitCode, stderrTail: script.stderr, stdoutByteCount: cursor.bytes)
                }))
    }

    func withEvents<Result>(labels: [String], _ body: (RuntimeEventStream) async throws -> Result) async throws -> Result {
        try checkReachable()
        return try await body(
            RuntimeEventStream(next: {
                // No events while Docker answers; the stream breaks when it goes away, as Docker's does.
                while !self.unreachable { try await Task.sleep(for: .milliseconds(5)) }
                throw RuntimeError(.unreachable, "the event stream ended (fake)")
            }))
    }

    func runContainer(_ specification: ThrowawayContainer) async throws -> String {
        try checkReachable()
        state.withLock { state in
            state.started.append(specification)
            state.containers.append(
                ContainerInfo(
                    id: specification.name, name: specification.name, image: specification.image, labels: specification.labels,
                    environment: specification.environment))
        }
        return specification.name
    }

    func removeContainer(_ container: String) async throws {
        state.withLock { state in
            state.removed.append(container)
            state.containers.removeAll { $0.id == container || $0.name == container }
        }
    }

    func restartContainer(_ container: String) async throws {
        state.withLock { $0.restarted.append(container) }
    }
}

/// Stdin that records what is written, and whether it was ended.
struct FakeStdin: ExecStdin {
    let record: @Sendable ([UInt8]) -> Void
    let finished: @Sendable () -> Void

    func write(_ buffer: ByteBuffer) async throws { record(Array(buffer.readableBytesView)) }
    func finish() { finished() }
}

/// Where a fake exec's stdout is; read and written by that exec's task only.
private final class ExecCursor: @unchecked Sendable {  // one task at a time: the exec's body
    var next = 0
    var bytes = 0
}
