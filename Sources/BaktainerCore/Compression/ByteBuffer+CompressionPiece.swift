import NIOCore

extension ByteBuffer {
    /// An empty buffer with room for one output piece of ``Compression/maximumPieceSize`` bytes.
    static func compressionPiece() -> ByteBuffer {
        ByteBufferAllocator().buffer(capacity: Compression.maximumPieceSize)
    }
}
