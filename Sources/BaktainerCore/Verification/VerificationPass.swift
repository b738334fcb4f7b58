import NIOCore

/// One pass over a backup's stored bytes, deciding whether it is intact: it hashes them, decodes the layers
/// (handing the dump on, so a restore can feed it as it is checked) and keeps what the checks at the end need.
/// ``conclude()`` gives the verdict of ``BackupVerifier`` (see there for the checks and their order).
///
/// A layer that fails stops the decoding but not the hashing, so that a damaged file is reported as what it is
/// (a checksum mismatch, a truncation) rather than as the first layer that tripped over it.
package struct VerificationPass {
    private let pending: PendingVerification
    private let requireKey: Bool
    private let missingKey: Bool
    private var stored = ByteTap(headLength: 32, hashing: true)
    private var dump = ByteTap()
    private var decoder: LayeredDecoder?
    private var decodeError: LayeredDecoder.LayerError?
    /// Without a key, the age header is read from the first bytes (headers are small; at most 64 KiB kept).
    private var header: [UInt8] = []
    private static let headerLimit = 64 << 10

    /// A pass for `pending`, opening an age layer with `identities`; see ``BackupVerifier`` for `requireKey`.
    package init(_ pending: PendingVerification, identities: [AgeIdentity], requireKey: Bool = true) {
        self.pending = pending
        self.requireKey = requireKey
        missingKey = pending.lacksKey(identities)
        if !missingKey {
            do throws(LayeredDecoder.LayerError) {
                decoder = try LayeredDecoder(layers: pending.layers, identities: identities)
            } catch {
                decodeError = error
            }
        }
    }

    /// Whether the dump is still being decoded: false once a layer failed, or when no key opens the file.
    package var isDecoding: Bool { decodeError == nil && decoder != nil }

    /// Takes the next stored bytes; the dump bytes they decode to go to `emit`, in order.
    package mutating func take(_ chunk: ByteBuffer, emit: (ByteBuffer) -> Void) {
        stored.observe(chunk)
        if missingKey, header.count < Self.headerLimit, AgeHeader.length(in: header) == nil {
            header += chunk.readableBytesView.prefix(Self.headerLimit - header.count)
        }
        guard isDecoding else { return }
        var pieces: [ByteBuffer] = []
        do throws(LayeredDecoder.LayerError) {
            try decoder!.decode(chunk) { pieces.append($0) }
        } catch {
            decodeError = error
        }
        pass(pieces, to: emit)
    }

    /// The stored bytes ended: the layers hand on what they held back.
    package mutating func finish(emit: (ByteBuffer) -> Void) {
        guard isDecoding else { return }
        var pieces: [ByteBuffer] = []
        do throws(LayeredDecoder.LayerError) {
            try decoder!.finish { pieces.append($0) }
        } catch {
            decodeError = error
        }
        pass(pieces, to: emit)
    }

    private mutating func pass(_ pieces: [ByteBuffer], to emit: (ByteBuffer) -> Void) {
        for piece in pieces {
            dump.observe(piece)
            emit(piece)
        }
    }

    /// The verdict, once every stored byte was taken and ``finish(emit:)`` called.
    package mutating func conclude() throws(VerificationFailure) -> BackupVerification {
        let pending = self.pending
        let fileName = pending.key.fileName
        func fail(_ code: VerificationFailure.Code, _ message: String) -> VerificationFailure {
            VerificationFailure(path: pending.path, code: code, message: message)
        }
        let record = pending.record
        let storedBytes = stored.count
        let dumpBytes = dump.count
        let rawHead = stored.head
        let digest = stored.finalizeDigest() ?? ""
        if let expected = pending.expectedDigest, digest != expected {
            if let record, storedBytes < record.size {
                throw fail(
                    .truncated,
                    "truncated: the file has \(storedBytes) bytes, its record says \(record.size); its SHA-256 does not match \(fileName).sha256 (an interrupted copy or a full disk?)"
                )
            }
            throw fail(
                .checksumMismatch,
                "checksum mismatch: the SHA-256 of the file (\(digest.prefix(12))…) is not the one in \(fileName).sha256 (\(expected.prefix(12))…): the file changed after it was written (a flipped byte, an edit); restore an older backup or a copy"
            )
        }
        if let first = pending.layers.first,
            !rawHead.starts(with: first.magic.prefix(min(first.magic.count, rawHead.count))) || rawHead.count < first.magic.count
        {
            throw fail(
                .notABackup,
                "its name says \(first.displayName) (.\(first.rawValue)) but it does not start like a \(first.displayName) stream: not a Baktainer backup, or renamed"
            )
        }
        let engine = pending.engine
        var made = BackupRecord(
            container: "-", engine: engine.identifier, file: pending.key.rawValue, size: storedBytes, sha256: digest, durationSeconds: 0, exitCode: 0,
            startedAt: 0, baktainerVersion: "")
        made.dumpSize = dumpBytes
        if missingKey && !requireKey, let record {
            return try unopened(record: record, storedBytes: storedBytes, fail: fail)
        }
        if missingKey {
            throw fail(
                .noKey,
                "the backup is encrypted (.age) but no key is configured to open it: set BT_AGE_IDENTITY_FILE to the identity file (or BT_AGE_PASSPHRASE for passphrase backups)"
            )
        }
        if let decodeError {
            throw Self.layerFailure(decodeError, path: pending.path)
        }
        guard engine.acceptsHead(dump.head), dumpBytes > 0 else {
            throw fail(
                .notABackup,
                dumpBytes == 0 ? "the dump inside is empty" : "the dump inside does not start like a \(engine.identifier) backup (format header missing)")
        }
        if let expected = record?.dumpSize, expected != dumpBytes {
            throw fail(.truncated, "the dump inside has \(dumpBytes) bytes, its record says \(expected): \(dumpBytes < expected ? "truncated" : "altered")")
        }
        guard engine.isComplete(dumpTail: dump.tail, size: dumpBytes) || (record == nil && pending.acceptIncomplete) else {
            throw fail(
                .truncated,
                "truncated: the \(engine.identifier) dump inside (\(dumpBytes) bytes) fails its completeness check (no completion marker at the end): the dump was cut off"
                    + (record == nil ? "; if it was made without one (by hand), add --force to restore it anyway" : "")
            )
        }
        var verification = BackupVerification(
            key: pending.key, path: pending.path, storage: pending.storage, record: record ?? made, storedBytes: storedBytes, dumpBytes: dumpBytes,
            layers: pending.layers)
        verification.hasRecord = record != nil
        return verification
    }

    /// An encrypted file checked without its key (its checksum matched): its size against the record, and its age
    /// header, which must parse and name at least one recipient.
    private func unopened(
        record: BackupRecord, storedBytes: Int, fail: (VerificationFailure.Code, String) -> VerificationFailure
    ) throws(VerificationFailure) -> BackupVerification {
        guard storedBytes == record.size else {
            throw fail(
                storedBytes < record.size ? .truncated : .corrupt,
                "the file has \(storedBytes) bytes, its record says \(record.size), though its checksum matches: the file and its sidecars do not belong together"
            )
        }
        guard let length = AgeHeader.length(in: header) else {
            throw fail(.corrupt, "the age header does not end within the first 64 KiB (no MAC line): the file is corrupt or was not written by age")
        }
        let parsed: AgeHeader
        do throws(AgeError) {
            parsed = try AgeHeader.parse(Array(header.prefix(length)))
        } catch {
            throw fail(error.code == .notAgeFile ? .notABackup : .corrupt, error.message)
        }
        guard !parsed.stanzas.isEmpty else { throw fail(.corrupt, "the age header names no recipient: nobody can open the file") }
        let types = Dictionary(grouping: parsed.stanzas, by: \.type).sorted { $0.key < $1.key }.map { "\($0.value.count) \($0.key)" }
        let recipients = parsed.stanzas.count == 1 ? "1 recipient" : "\(parsed.stanzas.count) recipients"
        var verification = BackupVerification(
            key: pending.key, path: pending.path, storage: pending.storage, record: record, storedBytes: storedBytes,
            dumpBytes: record.dumpSize ?? 0, layers: BackupLayer.layers(ofFileName: pending.key.fileName))
        verification.unopened = "age header names \(recipients) (\(types.joined(separator: ", ")))"
        return verification
    }

    /// A layer's failure as a verification failure of its own kind.
    static func layerFailure(_ error: LayeredDecoder.LayerError, path: String) -> VerificationFailure {
        let layer = error.layer.displayName
        if let age = error.underlying as? AgeError {
            switch age.code {
            case .noMatchingIdentity:
                return VerificationFailure(path: path, code: .wrongKey, message: "wrong key: \(age.message)")
            case .truncated:
                return VerificationFailure(path: path, code: .truncated, message: "truncated: the age layer ends early (\(age.message))")
            case .notAgeFile:
                return VerificationFailure(path: path, code: .notABackup, message: "not a Baktainer backup: \(age.message)")
            default:
                return VerificationFailure(path: path, code: .corrupt, message: "the age layer is damaged: \(age.message)")
            }
        }
        if let compression = error.underlying as? CompressionError, compression.code == .truncated {
            return VerificationFailure(path: path, code: .truncated, message: "truncated: the \(layer) layer ends early (\(compression.message))")
        }
        return VerificationFailure(path: path, code: .corrupt, message: "the \(layer) layer is damaged: \(error)")
    }
}
