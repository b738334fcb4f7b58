import NIOCore

/// An exec's stdout as an async sequence of buffers, demultiplexed from Docker's framed stream.
///
/// Reading is back-pressured end to end: while the consumer does not ask for the next buffer, the client
/// stops reading the socket, the daemon stops reading the process's pipe, and the process blocks. Memory
/// stays flat however long the stream. Stderr frames are kept in a bounded tail for error messages.
/// The sequence can be iterated once.
package final class ExecOutput: AsyncSequence, AsyncIteratorProtocol {
    package typealias Element = ByteBuffer
    package typealias Failure = any Error

    private var reader: HTTPStreamReader<StreamingConnection.Inbound>
    private var demultiplexer = StreamDemultiplexer()
    private var input = ByteBuffer()
    private let endpoint: DockerEndpoint

    /// The last bytes written to stderr so far.
    package private(set) var stderrTail: StderrTail
    /// How many stdout bytes have been handed out so far.
    package private(set) var stdoutByteCount = 0
    /// Whether the stream has ended cleanly (the process closed its output and the last frame was whole).
    package private(set) var isFinished = false

    init(
        reader: HTTPStreamReader<StreamingConnection.Inbound>, endpoint: DockerEndpoint,
        stderrLimit: Int
    ) {
        self.reader = reader
        self.endpoint = endpoint
        self.stderrTail = StderrTail(limit: stderrLimit)
    }

    package func makeAsyncIterator() -> ExecOutput { self }

    /// The next stdout buffer, or nil at the end of the stream.
    ///
    /// Throws ``DockerError/Code/streamTruncated`` when the connection ends in the middle of a frame.
    package func next() async throws -> ByteBuffer? {
        if isFinished { return nil }
        while true {
            if let (stream, payload) = try demultiplexer.next(from: &input) {
                switch stream {
                case .stdout, .stdin:
                    guard payload.readableBytes > 0 else { continue }
                    stdoutByteCount += payload.readableBytes
                    return payload
                case .stderr:
                    stderrTail.append(payload)
                }
                continue
            }
            guard let chunk = try await reader.nextBodyChunk() else {
                // An async channel's stream may end quietly when the reading task is cancelled: that is not
                // the process closing its output.
                try Task.checkCancellation()
                guard demultiplexer.isAtFrameBoundary else {
                    throw DockerError(.streamTruncated, "exec output from the Docker daemon at \(endpoint) ended in the middle of a frame")
                }
                isFinished = true
                return nil
            }
            input = chunk
        }
    }

    /// Reads and discards the rest of stdout.
    package func drain() async throws {
        while try await next() != nil {}
    }
}
