import NIOCore

/// Keeps the last `limit` bytes written to a process's stderr, for error messages.
package struct StderrTail: Sendable {
    private var bytes: [UInt8] = []
    /// The most bytes kept.
    package let limit: Int

    /// Creates an empty tail keeping at most `limit` bytes.
    package init(limit: Int = 16 * 1024) {
        self.limit = max(1, limit)
    }

    /// Appends a payload, dropping the oldest bytes beyond the limit.
    package mutating func append(_ buffer: ByteBuffer) {
        bytes.append(contentsOf: buffer.readableBytesView.suffix(limit))
        if bytes.count > 2 * limit {
            bytes.removeFirst(bytes.count - limit)
        }
    }

    /// The kept bytes as text (invalid UTF-8 repaired), the oldest first.
    package var text: String {
        String(decoding: bytes.suffix(limit), as: UTF8.self)
    }
}
