import NIOCore

/// Splits a byte stream into newline-terminated lines (without the newline), bounding the line length.
package struct LineSplitter: Sendable {
    private var buffer = ByteBuffer()
    private let maximumLineLength: Int

    /// Creates a splitter refusing lines longer than `maximumLineLength` bytes.
    package init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Adds received bytes.
    package mutating func feed(_ chunk: ByteBuffer) {
        var chunk = chunk
        buffer.writeBuffer(&chunk)
    }

    /// The next complete line, or nil when none is complete yet.
    package mutating func nextLine() throws(DockerError) -> ByteBuffer? {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLineLength {
                throw DockerError(.responseTooLarge, "Docker daemon sent a line over \(maximumLineLength) bytes")
            }
            buffer.discardReadBytes()
            return nil
        }
        let line = buffer.readSlice(length: newline - buffer.readerIndex)!
        buffer.moveReaderIndex(forwardBy: 1)
        return line
    }
}
