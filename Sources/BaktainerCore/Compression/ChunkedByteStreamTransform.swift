import NIOCore

/// A ``ByteStreamTransform`` that can also hand its output to a closure in pieces of bounded size.
///
/// The closure form keeps memory flat even when one input piece expands enormously (a decompression bomb: a
/// 64 KiB piece of zstd can stand for gigabytes). The one-buffer form of ``ByteStreamTransform`` joins the pieces
/// of one call, so its result is bounded only by the input piece's size times the format's expansion ratio.
package protocol ChunkedByteStreamTransform: ByteStreamTransform {
    /// Transforms the next piece of input, passing the output to `emit` in pieces of at most ``Compression/maximumPieceSize``.
    mutating func transform(_ input: ByteBuffer, emit: (ByteBuffer) throws -> Void) throws
    /// Ends the stream, passing what was held back plus any trailer to `emit` in bounded pieces. Throws when the
    /// input ended too early (a truncated stream).
    mutating func finish(emit: (ByteBuffer) throws -> Void) throws
}

extension ChunkedByteStreamTransform {
    /// Transforms the next piece of input, joining the bounded pieces into one buffer.
    package mutating func transform(_ input: ByteBuffer) throws -> ByteBuffer {
        var joined = PieceJoiner()
        try transform(input) { joined.append($0) }
        return joined.result
    }

    /// Ends the stream, joining the bounded pieces into one buffer.
    package mutating func finish() throws -> ByteBuffer {
        var joined = PieceJoiner()
        try finish { joined.append($0) }
        return joined.result
    }
}

/// Joins output pieces, avoiding a copy when there is only one.
private struct PieceJoiner {
    private var buffer: ByteBuffer?

    mutating func append(_ piece: ByteBuffer) {
        guard piece.readableBytes > 0 else { return }
        if buffer == nil {
            buffer = piece
        } else {
            buffer!.writeImmutableBuffer(piece)
        }
    }

    var result: ByteBuffer { buffer ?? ByteBuffer() }
}
