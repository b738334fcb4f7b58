import NIOCore

/// Decodes a stored backup's layers in order (decrypt, then decompress), as one ``ByteStreamTransform``.
///
/// Unlike a bare chain it says which layer failed: every error is a ``LayeredDecoder/LayerError``. Memory is
/// bounded by the layers themselves (one age chunk, a decompressor's window).
package struct LayeredDecoder: ByteStreamTransform {
    /// A failure inside one layer.
    package struct LayerError: Error, CustomStringConvertible {
        /// The layer that failed.
        package var layer: BackupLayer
        /// What it threw (``AgeError`` for age, the compressor's error otherwise).
        package var underlying: any Error

        package var description: String {
            if let age = underlying as? AgeError { return age.message }
            return "\(underlying)"
        }
    }

    /// The layers, outermost first.
    package let layers: [BackupLayer]
    private var stages: [any ByteStreamTransform]

    /// A decoder for `layers` (outermost first); age layers open with `identities`.
    package init(layers: [BackupLayer], identities: [AgeIdentity]) {
        self.layers = layers
        stages = layers.map { layer in Self.decoder(for: layer, identities: identities) }
    }

    package mutating func transform(_ input: ByteBuffer) throws -> ByteBuffer {
        var buffer = input
        for index in stages.indices {
            guard buffer.readableBytes > 0 else { break }
            do {
                buffer = try stages[index].transform(buffer)
            } catch {
                throw LayerError(layer: layers[index], underlying: error)
            }
        }
        return buffer
    }

    package mutating func finish() throws -> ByteBuffer {
        var buffer = ByteBuffer()
        for index in stages.indices {
            do {
                var output = buffer.readableBytes > 0 ? try stages[index].transform(buffer) : ByteBuffer()
                var trailer = try stages[index].finish()
                output.writeBuffer(&trailer)
                buffer = output
            } catch {
                throw LayerError(layer: layers[index], underlying: error)
            }
        }
        return buffer
    }

    private static func decoder(for layer: BackupLayer, identities: [AgeIdentity]) -> any ByteStreamTransform {
        switch layer {
        case .age: AgeDecryptor(identities: identities)
        case .gzip, .zstd: UnavailableDecompressor(layer: layer)
        }
    }
}

/// Stands in for a decompressor this build does not have.
private struct UnavailableDecompressor: ByteStreamTransform {
    let layer: BackupLayer

    mutating func transform(_ input: ByteBuffer) throws -> ByteBuffer {
        throw EngineError("\(layer.displayName) decompression is not available in this build")
    }

    mutating func finish() throws -> ByteBuffer {
        throw EngineError("\(layer.displayName) decompression is not available in this build")
    }
}
