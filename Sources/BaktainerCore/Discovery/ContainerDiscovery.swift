/// Finds the containers marked for backup (`baktainer.backup=true`).
package struct ContainerDiscovery: Sendable {
    private let runtime: any ContainerRuntime
    private let labels: [String]

    /// Creates a discovery over a container runtime of the containers carrying every one of `labels`.
    package init(runtime: any ContainerRuntime, labels: [String] = [BackupLabel.backupFilter]) {
        self.runtime = runtime
        self.labels = labels
    }

    /// The marked containers, sorted by name; stopped ones too when `includeStopped`.
    package func labelledContainers(includeStopped: Bool = false) async throws -> [LabelledContainer] {
        try await runtime.containers(labels: labels, includeStopped: includeStopped)
            .map(LabelledContainer.init)
            .sorted { $0.name < $1.name }
    }
}
