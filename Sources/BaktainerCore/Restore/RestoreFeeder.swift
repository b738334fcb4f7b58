import NIOCore

/// Reads a backup from its storage, decodes its layers and writes the dump into an exec's stdin, waiting
/// whenever the connection is full (so memory stays flat and a slow tool slows the reading). Sendable: it
/// holds only what it needs to start; the backup is opened by ``feed(into:)``.
package struct RestoreFeeder: Sendable {
    /// The backup.
    package var key: BackupKey
    /// Where it is kept.
    package var storage: any BackupStorage
    /// Its layers, outermost first.
    package var layers: [BackupLayer]
    /// Keys for an age layer.
    package var identities: [AgeIdentity]
    /// The container name progress reports carry.
    package var container: String
    /// Hears of the dump bytes written so far.
    package var progress: (@Sendable (BackupProgress) -> Void)?

    /// Creates a feeder.
    package init(
        key: BackupKey, storage: any BackupStorage, layers: [BackupLayer], identities: [AgeIdentity], container: String,
        progress: (@Sendable (BackupProgress) -> Void)?
    ) {
        self.key = key
        self.storage = storage
        self.layers = layers
        self.identities = identities
        self.container = container
        self.progress = progress
    }

    /// Writes the whole decoded dump into `input`, then ends the input; returns the bytes written. On a read or
    /// decode error it throws **without** ending the input, so that the tool never sees a clean end of a cut
    /// dump (the caller then stops it).
    package func feed(into input: any ExecStdin) async throws -> Int {
        var reader = try await storage.open(key).makeAsyncIterator()
        var decoder = try LayeredDecoder(layers: layers, identities: identities)
        var written = 0
        var pieces: [ByteBuffer] = []
        let collect = { (piece: ByteBuffer) in pieces.append(piece) }
        var atEnd = false
        while !atEnd {
            if let chunk = try await reader.next() {
                try decoder.decode(chunk, emit: collect)
            } else {
                try decoder.finish(emit: collect)
                atEnd = true
            }
            for piece in pieces {
                try await input.write(piece)
                written += piece.readableBytes
            }
            pieces.removeAll(keepingCapacity: true)
            progress?(BackupProgress(container: container, bytes: written))
        }
        input.finish()
        return written
    }
}
