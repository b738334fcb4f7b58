/// One container as `GET /containers/json` lists it.
package struct ContainerSummary: Sendable, Equatable, Decodable {
    /// The full container ID.
    package var id: String
    /// The container's name without Docker's leading slash.
    package var name: String
    /// The image the container was created from, as the user named it.
    package var image: String
    /// All labels on the container.
    package var labels: [String: String]
    /// The state word: created, running, paused, restarting, exited, dead.
    package var state: String
    /// Docker's human status, e.g. "Up 3 minutes".
    package var status: String

    /// Creates a summary from its parts.
    package init(id: String, name: String, image: String, labels: [String: String], state: String, status: String) {
        self.id = id
        self.name = name
        self.image = image
        self.labels = labels
        self.state = state
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image", labels = "Labels", state = "State", status = "Status"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        let names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
        name = names.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? String(id.prefix(12))
        image = try container.decodeIfPresent(String.self, forKey: .image) ?? ""
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        state = try container.decodeIfPresent(String.self, forKey: .state) ?? ""
        status = try container.decodeIfPresent(String.self, forKey: .status) ?? ""
    }
}
