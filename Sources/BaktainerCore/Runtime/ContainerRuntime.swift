/// Where database containers live and run: one Docker engine today; another engine, a Swarm node or a
/// Kubernetes cluster later. Core reaches containers only through this protocol, in its own types; the
/// Docker adapter is ``DockerRuntime``.
package protocol ContainerRuntime: Sendable {
    /// The runtime's identity (a host), part of every target's and job's key.
    var id: RuntimeID { get }

    /// The containers carrying every label in `labels` (`key` or `key=value`), running ones only unless
    /// `includeStopped`. Listing fields only: ``ContainerInfo/environment`` is empty.
    func containers(labels: [String], includeStopped: Bool) async throws -> [ContainerInfo]

    /// One container by ID or name, with its environment. Throws a ``RuntimeError`` (``RuntimeError/Code/notFound``)
    /// when there is none.
    func inspect(_ container: String) async throws -> ContainerInfo

    /// Runs `command` inside `container` and hands its streams to `body`. If `body` ends before the output has
    /// ended (including on cancellation), the process is stopped inside the container.
    func withExec<Result>(_ command: ContainerCommand, in container: String, _ body: (ExecHandle) async throws -> Result) async throws -> Result

    /// Streams the start, die, destroy and rename events of containers carrying every label in `labels` to
    /// `body` until it returns.
    func withEvents<Result>(labels: [String], _ body: (RuntimeEventStream) async throws -> Result) async throws -> Result

    /// Creates and starts a throw-away container without network; returns its ID.
    func runContainer(_ specification: ThrowawayContainer) async throws -> String

    /// Removes a container, stopping it first.
    func removeContainer(_ container: String) async throws

    /// Restarts a container.
    func restartContainer(_ container: String) async throws
}

/// The identity of a container runtime: `local` for the Docker engine Baktainer talks to by default.
package struct RuntimeID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The identifier, e.g. `local`.
    package var rawValue: String

    /// Creates an identity.
    package init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The default host.
    package static let local = RuntimeID("local")

    package var description: String { rawValue }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    package init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
