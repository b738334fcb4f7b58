import DockerEngineAPI
import NIOCore
import Synchronization

/// The ``ContainerRuntime`` over one Docker engine (``DockerClient``): the only place where Core meets the
/// Docker Engine API. Translates Docker's types and errors into Core's.
///
/// The daemon may start before Docker answers: a runtime made with ``deferred(_:id:)`` connects on first use
/// and tries again on every use until it succeeds, each failure reported as ``RuntimeError/Code/unreachable``.
package struct DockerRuntime: ContainerRuntime {
    package let id: RuntimeID
    private let connection: Connection

    /// Wraps a connected client as the runtime `id`.
    package init(client: DockerClient, id: RuntimeID = .local) {
        self.id = id
        self.connection = Connection(client: client, settings: nil)
    }

    private init(settings: DockerSettings, id: RuntimeID) {
        self.id = id
        self.connection = Connection(client: nil, settings: settings)
    }

    /// Connects with `settings` (``DockerSettings``) now; throws a ``RuntimeError`` when Docker does not answer
    /// or refuses (a bad certificate, no permission on the socket).
    package static func connect(_ settings: DockerSettings, id: RuntimeID = .local) async throws -> DockerRuntime {
        let runtime = DockerRuntime(settings: settings, id: id)
        _ = try await runtime.connection.client()
        return runtime
    }

    /// A runtime that connects with `settings` on first use (the daemon, when Docker is not up yet).
    package static func deferred(_ settings: DockerSettings, id: RuntimeID = .local) -> DockerRuntime {
        DockerRuntime(settings: settings, id: id)
    }

    /// The connected client, connecting first when needed.
    private var client: DockerClient {
        get async throws { try await connection.client() }
    }

    package func containers(labels: [String], includeStopped: Bool) async throws -> [ContainerInfo] {
        try await translatingErrors {
            try await client.listContainers(labels: labels, includeStopped: includeStopped).map {
                ContainerInfo(id: $0.id, name: $0.name, image: $0.image, labels: $0.labels, state: $0.state)
            }
        }
    }

    package func inspect(_ container: String) async throws -> ContainerInfo {
        try await translatingErrors {
            let details = try await client.inspectContainer(container)
            return ContainerInfo(
                id: details.id, name: details.name, image: details.image, imageID: details.imageID, labels: details.labels,
                environment: details.environment, state: details.state)
        }
    }

    package func withExec<Result>(_ command: ContainerCommand, in container: String, _ body: (ExecHandle) async throws -> Result) async throws -> Result {
        let dockerCommand = ExecCommand(
            command.arguments, environment: command.environment, user: command.user, workingDirectory: command.workingDirectory,
            attachStdin: command.attachStdin)
        return try await translatingErrors {
            try await client.withExec(dockerCommand, inContainer: container) { session in
                let output = session.stdout
                let handle = ExecHandle(
                    stdout: ByteStream(next: { try await translatingErrors { try await output.next() } }),
                    stdin: session.stdin.map(DockerStdin.init),
                    wait: {
                        try await translatingErrors {
                            let termination = try await session.wait()
                            return ExecExit(exitCode: termination.exitCode, stderrTail: termination.stderrTail, stdoutByteCount: termination.stdoutByteCount)
                        }
                    })
                return try await body(handle)
            }
        }
    }

    package func withEvents<Result>(labels: [String], _ body: (RuntimeEventStream) async throws -> Result) async throws -> Result {
        try await translatingErrors {
            try await client.withContainerEvents(actions: ["start", "die", "destroy", "rename"], labels: labels) { events in
                try await body(
                    RuntimeEventStream(next: {
                        try await translatingErrors {
                            try await events.next().map { RuntimeEvent(action: $0.action, containerID: $0.actorID, containerName: $0.attributes["name"]) }
                        }
                    }))
            }
        }
    }

    package func runContainer(_ specification: ThrowawayContainer) async throws -> String {
        try await translatingErrors {
            try await client.runContainer(
                .init(name: specification.name, image: specification.image, environment: specification.environment, labels: specification.labels))
        }
    }

    package func removeContainer(_ container: String) async throws {
        try await translatingErrors { try await client.removeContainer(container) }
    }

    package func restartContainer(_ container: String) async throws {
        try await translatingErrors { try await client.restartContainer(container) }
    }

    /// The client, made once the daemon first answers.
    private final class Connection: Sendable {
        private let settings: DockerSettings?
        private let connected: Mutex<DockerClient?>

        init(client: DockerClient?, settings: DockerSettings?) {
            self.settings = settings
            self.connected = Mutex(client)
        }

        func client() async throws -> DockerClient {
            if let client = connected.withLock({ $0 }) { return client }
            guard let settings else { throw RuntimeError(.unreachable, "no Docker client") }
            do {
                let client = try await DockerClient.connect(configuration: settings.clientConfiguration)
                return connected.withLock { current in
                    if current == nil { current = client }
                    return current ?? client
                }
            } catch let error as DockerError {
                throw DockerRuntime.translate(error)
            }
        }
    }

    /// Docker's error in Core's terms; the message is kept.
    static func translate(_ error: DockerError) -> RuntimeError {
        switch error.code {
        case .noSuchContainer, .noSuchExec: RuntimeError(.notFound, error.message)
        case .containerNotRunning: RuntimeError(.notRunning, error.message)
        case .streamTruncated: RuntimeError(.streamCut, error.message)
        case .socketMissing, .connectionRefused, .connectionReset, .daemonNotAnswering, .serviceUnavailable, .serverError:
            RuntimeError(.unreachable, error.message)
        case .invalidEndpoint, .permissionDenied, .invalidTLSMaterial, .tlsHandshakeFailed, .apiTooOld, .badRequest, .malformedResponse,
            .responseTooLarge:
            RuntimeError(.refused, error.message)
        }
    }
}

/// Runs `body`, turning a ``DockerError`` into a ``RuntimeError``.
private func translatingErrors<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch let error as DockerError {
        throw DockerRuntime.translate(error)
    }
}

/// An exec's stdin over Docker's hijacked connection.
private struct DockerStdin: ExecStdin {
    let input: ExecInput

    func write(_ buffer: ByteBuffer) async throws {
        try await translatingErrors { try await input.write(buffer) }
    }

    func finish() { input.finish() }
}
