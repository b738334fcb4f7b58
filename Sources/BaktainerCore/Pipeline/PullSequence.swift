import NIOCore

/// A single-pass async sequence whose next element comes from a closure: how a runtime or a storage hands Core
/// its streams (an exec's stdout, a stored backup, container events) in Core's own types.
///
/// Pull-based: the next element is produced only when asked for, so a slow consumer slows the producer.
package struct PullSequence<Element>: AsyncSequence {
    private let nextElement: () async throws -> Element?

    /// Creates a sequence whose iterator calls `next` for each element (nil: the end).
    package init(next: @escaping () async throws -> Element?) {
        self.nextElement = next
    }

    package func makeAsyncIterator() -> Iterator { Iterator(nextElement: nextElement) }

    /// The iterator.
    package struct Iterator: AsyncIteratorProtocol {
        let nextElement: () async throws -> Element?

        package mutating func next() async throws -> Element? { try await nextElement() }
    }
}

/// Bytes that arrive in buffers: an exec's stdout, a stored backup.
package typealias ByteStream = PullSequence<ByteBuffer>
