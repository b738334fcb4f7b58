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
    /// Fed around the dump; its commit only after the dump was fed whole (and, with ``check``, passed).
    package var transaction: RestoreTransaction?
    /// When set, the file is verified as it is fed (``VerificationPass``); the transaction's commit is fed only
    /// if it passes.
    package var check: PendingVerification?

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

    /// Writes the whole decoded dump into `input` (inside ``transaction``), then ends the input; returns the dump
    /// bytes written. On a read or decode error, or a file that fails ``check``, it throws **without** feeding
    /// the commit or ending the input, so that the tool never sees a clean end of a cut or damaged dump (the
    /// caller then stops it).
    package func feed(into input: any ExecStdin) async throws -> Int {
        var reader = try await storage.open(key).makeAsyncIterator()
        if let transaction { try await input.write(transaction.opening) }
        var written = 0
        var pieces: [ByteBuffer] = []
        func writePieces() async throws {
            for piece in pieces {
                try await input.write(piece)
                written += piece.readableBytes
            }
            pieces.removeAll(keepingCapacity: true)
            progress?(BackupProgress(container: container, bytes: written))
        }
        if let check {
            var pass = VerificationPass(check, identities: identities)
            while let chunk = try await reader.next() {
                pass.take(chunk) { pieces.append($0) }
                try await writePieces()  // once a layer failed the pass hands on nothing: it only hashes the rest
            }
            pass.finish { pieces.append($0) }
            try await writePieces()
            _ = try pass.conclude()
        } else {
            var decoder = try LayeredDecoder(layers: layers, identities: identities)
            while let chunk = try await reader.next() {
                try decoder.decode(chunk) { pieces.append($0) }
                try await writePieces()
            }
            try decoder.finish { pieces.append($0) }
            try await writePieces()
        }
        if let transaction { try await input.write(transaction.closing) }
        input.finish()
        return written
    }
}
