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
package struct RuntimeEventStream: AsyncSequence {
    package typealias Element = RuntimeEvent
    private let nextEvent: () async throws -> RuntimeEvent?

    /// Creates a stream whose iterator calls `next` for each event (nil: the stream ended).
    package init(next: @escaping () async throws -> RuntimeEvent?) {
        self.nextEvent = next
    }

    package func makeAsyncIterator() -> Iterator { Iterator(nextEvent: nextEvent) }

    /// The iterator.
    package struct Iterator: AsyncIteratorProtocol {
        let nextEvent: () async throws -> RuntimeEvent?

        package mutating func next() async throws -> RuntimeEvent? { try await nextEvent() }
    }
}
