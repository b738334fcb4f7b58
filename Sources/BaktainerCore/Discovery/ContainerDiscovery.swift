import DockerEngineAPI

/// Finds the containers marked for backup (`baktainer.backup=true`).
package struct ContainerDiscovery: Sendable {
    private let runtime: any ContainerRuntime

    /// Creates a discovery over a container runtime.
    package init(runtime: any ContainerRuntime) {
        self.runtime = runtime
    }

    /// The marked containers, sorted by name; stopped ones too when `includeStopped`.
    package func labelledContainers(includeStopped: Bool = false) async throws -> [LabelledContainer] {
        try await runtime.listContainers(labels: [BackupLabel.backupFilter], includeStopped: includeStopped)
            .map(LabelledContainer.init)
            .sorted { $0.name < $1.name }
    }
}
