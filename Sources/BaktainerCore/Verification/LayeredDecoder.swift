import NIOCore

/// Decodes a stored backup's layers in order (decrypt, then decompress).
///
/// Unlike a bare ``TransformChain`` it says which layer failed (every error is a ``LayeredDecoder/LayerError``)
/// and it hands its output on in bounded pieces (``Compression/maximumPieceSize``) through `emit`, using the
/// decompressors' piecewise form: a highly compressed input piece never becomes one huge buffer. Layers hold
/// back at most one age chunk and a decompressor's window.
package struct LayeredDecoder {
    /// A failure inside one layer.
    package struct LayerError: Error, CustomStringConvertible {
        /// The layer that failed.
        package var layer: BackupLayer
        /// What it threw: an ``AgeError`` for age, a ``CompressionError`` for gzip and zstd.
        package var underlying: any Error

        package var description: String {
            if let age = underlying as? AgeError { return age.message }
            if let compression = underlying as? CompressionError { return compression.message }
            return "\(underlying)"
        }
    }

    /// The layers, outermost first.
    package let layers: [BackupLayer]
    private var stages: [any ByteStreamTransform]

    /// A decoder for `layers` (outermost first); age layers open with `identities`.
    package init(layers: [BackupLayer], identities: [AgeIdentity]) throws(LayerError) {
        self.layers = layers
        var stages: [any ByteStreamTransform] = []
        for layer in layers {
            switch layer {
            case .age:
                stages.append(AgeDecryptor(identities: identities))
            case .gzip, .zstd:
                do {
                    if let decompressor = try (layer == .gzip ? Compression.gzip : Compression.zstd).makeDecompressor() {
                        stages.append(decompressor)
                    }
                } catch {
                    throw LayerError(layer: layer, underlying: error)
                }
            }
        }
        self.stages = stages
    }

    /// Decodes the next piece of stored bytes, passing the dump's bytes to `emit` in bounded pieces.
    package mutating func decode(_ input: ByteBuffer, emit: (ByteBuffer) -> Void) throws(LayerError) {
        try run(input, atEnd: false, emit: emit)
    }

    /// Ends the stream: passes on what the layers held back; throws when a layer ended early.
    package mutating func finish(emit: (ByteBuffer) -> Void) throws(LayerError) {
        try run(ByteBuffer(), atEnd: true, emit: emit)
    }

    private mutating func run(_ input: ByteBuffer, atEnd: Bool, emit: (ByteBuffer) -> Void) throws(LayerError) {
        var pieces = input.readableBytes > 0 ? [input] : []
        for index in stages.indices {
            var output: [ByteBuffer] = []
            let collect = { (piece: ByteBuffer) in if piece.readableBytes > 0 { output.append(piece) } }
            do {
                if var chunked = stages[index] as? any ChunkedByteStreamTransform {
                    for piece in pieces { try chunked.transform(piece, emit: collect) }
                    if atEnd { try chunked.finish(emit: collect) }
                    stages[index] = chunked
                } else {
                    for piece in pieces { collect(try stages[index].transform(piece)) }
                    if atEnd { collect(try stages[index].finish()) }
                }
            } catch {
                throw LayerError(layer: layers[index], underlying: error)
            }
            pieces = output
        }
        for piece in pieces { emit(piece) }
    }
}
