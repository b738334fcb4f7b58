/// Something that happened to a container: the daemon re-reads its targets when it hears one.
package struct RuntimeEvent: Sendable, Equatable {
    /// What happened: start, die, destroy, rename.
    package var action: String
    /// The container's ID.
    package var containerID: String
    /// The container's name, when the runtime tells it.
    package var containerName: String?

    /// Creates an event.
    package init(action: String, containerID: String, containerName: String? = nil) {
        self.action = action
        self.containerID = containerID
        self.containerName = containerName
    }
}

/// A runtime's events as an async sequence (ends or throws when the runtime goes away).
package typealias RuntimeEventStream = PullSequence<RuntimeEvent>
