/// One container as `GET /containers/{id}/json` describes it: the parts Baktainer reads.
package struct ContainerDetails: Sendable, Equatable, Decodable {
    /// The full container ID.
    package var id: String
    /// The container's name without Docker's leading slash.
    package var name: String
    /// The image name from the container's configuration.
    package var image: String
    /// The image ID (sha256:…) the container runs.
    package var imageID: String
    /// All labels on the container.
    package var labels: [String: String]
    /// The container's environment as `KEY=value` strings. May hold secrets: never log it.
    package var environment: [String]
    /// The state word: created, running, paused, restarting, exited, dead.
    package var state: String
    /// Whether the container is running.
    package var isRunning: Bool

    /// The value of environment variable `name`, if set.
    package func environmentValue(_ name: String) -> String? {
        let prefix = name + "="
        return environment.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    private enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", imageID = "Image", config = "Config", state = "State"
    }
    private enum ConfigKeys: String, CodingKey {
        case image = "Image", labels = "Labels", env = "Env"
    }
    private enum StateKeys: String, CodingKey {
        case status = "Status", running = "Running"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        let rawName = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        name = rawName.hasPrefix("/") ? String(rawName.dropFirst()) : rawName
        imageID = try container.decodeIfPresent(String.self, forKey: .imageID) ?? ""
        let config = try container.nestedContainer(keyedBy: ConfigKeys.self, forKey: .config)
        image = try config.decodeIfPresent(String.self, forKey: .image) ?? ""
        labels = try config.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        environment = try config.decodeIfPresent([String].self, forKey: .env) ?? []
        let state = try container.nestedContainer(keyedBy: StateKeys.self, forKey: .state)
        self.state = try state.decodeIfPresent(String.self, forKey: .status) ?? ""
        isRunning = try state.decodeIfPresent(Bool.self, forKey: .running) ?? false
    }
}
