import NIOCore

/// Bytes that arrive in buffers — an exec's stdout, a stored backup — as a single-pass async sequence.
///
/// Pull-based: the next buffer is produced only when asked for, so a slow consumer slows the producer.
package struct ByteStream: AsyncSequence {
    package typealias Element = ByteBuffer
    private let nextBuffer: () async throws -> ByteBuffer?

    /// Creates a stream whose iterator calls `next` for each buffer (nil: the end).
    package init(next: @escaping () async throws -> ByteBuffer?) {
        self.nextBuffer = next
    }

    package func makeAsyncIterator() -> Iterator { Iterator(nextBuffer: nextBuffer) }

    /// The iterator.
    package struct Iterator: AsyncIteratorProtocol {
        let nextBuffer: () async throws -> ByteBuffer?

        package mutating func next() async throws -> ByteBuffer? { try await nextBuffer() }
    }
}
