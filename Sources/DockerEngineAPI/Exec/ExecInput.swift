import NIOCore

/// The write side of an exec's stdin. Writes wait while the connection is full, so a producer can never
/// run ahead of the process; ``finish()`` half-closes the connection, which the process sees as end of input.
package struct ExecInput: Sendable {
    private let connection: StreamingConnection

    init(connection: StreamingConnection) {
        self.connection = connection
    }

    /// Writes one buffer, waiting while the connection cannot take more.
    package func write(_ buffer: ByteBuffer) async throws {
        try await connection.write(buffer)
    }

    /// Writes every buffer of `source` in order.
    package func write<Source: AsyncSequence>(contentsOf source: Source) async throws where Source.Element == ByteBuffer {
        for try await buffer in source {
            try await connection.write(buffer)
        }
    }

    /// Ends the input: the process reads end-of-file once it has consumed what was written.
    package func finish() {
        connection.finishOutput()
    }
}
