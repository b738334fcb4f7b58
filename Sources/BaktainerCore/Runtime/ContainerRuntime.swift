import DockerEngineAPI

/// What Baktainer needs from a container engine. ``DockerClient`` is the real one.
package protocol ContainerRuntime: Sendable {
    /// Lists containers carrying every label in `labels` (`key` or `key=value`).
    func listContainers(labels: [String], includeStopped: Bool) async throws -> [ContainerSummary]
}

extension DockerClient: ContainerRuntime {}
