import NIOCore
import Synchronization

/// A connection for a long stream (exec output and input, events): received bytes come through a
/// ``ReceiveQueue`` (back-pressured), and ``finishOutput()`` half-closes the connection, which ends an exec's
/// stdin.
final class StreamingConnection: Sendable {
    let channel: any Channel
    let queue: ReceiveQueue
    /// The last write handed to the channel by ``write(_:)``, not yet waited for.
    private let lastWrite = Mutex<EventLoopFuture<Void>?>(nil)

    init(channel: any Channel, queue: ReceiveQueue) {
        self.channel = channel
        self.queue = queue
    }

    /// The received bytes, for an ``HTTPStreamReader``.
    struct Inbound: AsyncIteratorProtocol {
        let queue: ReceiveQueue

        mutating func next() async throws -> ByteBuffer? { try await queue.next() }
    }

    /// An iterator over the received bytes (one reader per connection).
    var inbound: Inbound { Inbound(queue: queue) }

    /// Sends `buffer` and returns once the socket has taken it.
    func send(_ buffer: ByteBuffer) async throws {
        try await channel.writeAndFlush(buffer).get()
    }

    /// Sends `buffer`, returning once the socket has taken the one before: one write stays in flight while the
    /// caller prepares the next, and a caller never runs more than one buffer ahead of the socket. A failed write
    /// throws from the next call (the connection is closed by then, which the reader sees too).
    func write(_ buffer: ByteBuffer) async throws {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(buffer, promise: promise)
        let written = promise.futureResult
        let previous = lastWrite.withLock { last in
            defer { last = written }
            return last
        }
        try await previous?.get()
    }

    /// Closes the sending half once what was written has gone out: the other side then reads end-of-file.
    func finishOutput() {
        channel.close(mode: .output, promise: nil)
    }

    /// Closes the connection (nothing happens when it is closed already).
    func close() async {
        try? await channel.close().get()
    }
}
