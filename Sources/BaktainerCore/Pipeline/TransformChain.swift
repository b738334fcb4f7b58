import NIOCore

/// Several ``ByteStreamTransform``s applied one after another (compress, then encrypt; or decrypt, then
/// decompress), itself a transform. An empty chain passes bytes through unchanged.
package struct TransformChain: ByteStreamTransform {
    private var stages: [any ByteStreamTransform]

    /// Chains `stages` in order: the first sees the input, the last produces the output.
    package init(_ stages: [any ByteStreamTransform]) {
        self.stages = stages
    }

    /// Whether the chain changes nothing.
    package var isEmpty: Bool { stages.isEmpty }

    package mutating func transform(_ input: ByteBuffer) throws -> ByteBuffer {
        var buffer = input
        for index in stages.indices {
            guard buffer.readableBytes > 0 else { break }
            buffer = try stages[index].transform(buffer)
        }
        return buffer
    }

    package mutating func finish() throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for index in stages.indices {
            var output = buffer.readableBytes > 0 ? try stages[index].transform(buffer) : ByteBuffer()
            var trailer = try stages[index].finish()
            output.writeBuffer(&trailer)
            buffer = output
        }
        return buffer
    }
}
