/// A container as the runtime describes it: the parts Baktainer reads.
package struct ContainerInfo: Sendable, Equatable {
    /// The full container ID.
    package var id: String
    /// The container's name.
    package var name: String
    /// The image name as the user gave it.
    package var image: String
    /// The image ID the container runs (empty in listings).
    package var imageID: String
    /// All labels on the container.
    package var labels: [String: String]
    /// The container's environment as `KEY=value` strings (empty in listings). May hold secrets: never log it.
    package var environment: [String]
    /// The state word: created, running, paused, restarting, exited, dead.
    package var state: String

    /// Creates a description.
    package init(
        id: String, name: String, image: String = "", imageID: String = "", labels: [String: String] = [:], environment: [String] = [],
        state: String = "running"
    ) {
        self.id = id
        self.name = name
        self.image = image
        self.imageID = imageID
        self.labels = labels
        self.environment = environment
        self.state = state
    }

    /// Whether the container is running.
    package var isRunning: Bool { state == "running" }

    /// The value of environment variable `name`, if set.
    package func environmentValue(_ name: String) -> String? {
        let prefix = name + "="
        return environment.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }
}
