/// One event from the daemon's `/events` stream.
package struct DockerEvent: Sendable, Equatable, Decodable {
    /// The object type, e.g. "container".
    package var type: String
    /// What happened, e.g. "start", "stop", "die".
    package var action: String
    /// The ID of the object it happened to.
    package var actorID: String
    /// The object's attributes; for containers these include its labels, "name" and "image".
    package var attributes: [String: String]
    /// When it happened, in nanoseconds since 1970.
    package var timeNano: Int64

    /// Creates an event from its parts.
    package init(type: String, action: String, actorID: String, attributes: [String: String], timeNano: Int64) {
        self.type = type
        self.action = action
        self.actorID = actorID
        self.attributes = attributes
        self.timeNano = timeNano
    }

    private enum CodingKeys: String, CodingKey {
        case type = "Type", action = "Action", actor = "Actor", timeNano
    }
    private enum ActorKeys: String, CodingKey {
        case id = "ID", attributes = "Attributes"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        action = try container.decodeIfPresent(String.self, forKey: .action) ?? ""
        let actor = try container.nestedContainer(keyedBy: ActorKeys.self, forKey: .actor)
        actorID = try actor.decodeIfPresent(String.self, forKey: .id) ?? ""
        attributes = try actor.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        timeNano = try container.decodeIfPresent(Int64.self, forKey: .timeNano) ?? 0
    }
}
