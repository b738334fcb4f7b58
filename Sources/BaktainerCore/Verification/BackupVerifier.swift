#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

/// Proves that a stored backup comes back: in one streamed pass (memory flat whatever the size) it checks
///
/// 1. that the file is a Baktainer backup: its name, and a `<file>.json` record naming a known engine;
/// 2. that its SHA-256 matches the `<file>.sha256` sidecar (`sha256sum -c` format);
/// 3. that every layer decodes to the end: age decryption for `.age` (keys from `BT_AGE_IDENTITY_FILE` /
///    `BT_AGE_PASSPHRASE`), gzip / zstd decompression for `.gz` / `.zst`;
/// 4. that the decoded dump passes the engine's own checks (``DatabaseEngine/acceptsHead(_:)``,
///    ``DatabaseEngine/isComplete(dumpTail:size:)``, e.g. pg_dump's trailer).
///
/// Each kind of damage has its own ``VerificationFailure/Code`` and message. Reads nothing but the file and
/// its sidecars; writes nothing.
///
/// Without a key for an encrypted file (the backup host need not hold one), a verifier that does not
/// `requireKey` checks what can be checked without it — the checksum of the stored bytes, their size against
/// the record, and that the age header parses and names a recipient — and passes the file with
/// ``BackupVerification/unopened`` set.
package struct BackupVerifier: Sendable {
    private let identities: [AgeIdentity]
    private let registry: EngineRegistry
    private let requireKey: Bool

    /// A verifier opening encrypted backups with `identities` (``EncryptionSettings/identities``); with
    /// `requireKey` false, an encrypted file with no key passes on what can be checked without one.
    package init(identities: [AgeIdentity], registry: EngineRegistry = EngineRegistry(), requireKey: Bool = true) {
        self.identities = identities
        self.registry = registry
        self.requireKey = requireKey
    }

    /// Verifies the backup at `key` in `storage`.
    package func verify(_ key: BackupKey, in storage: any BackupStorage) async -> Result<BackupVerification, VerificationFailure> {
        do throws(VerificationFailure) {
            return .success(try await check(key, in: storage, declared: nil, acceptIncomplete: false))
        } catch {
            return .failure(error)
        }
    }

    /// Verifies a dump that may lack Baktainer's record (copied off-site alone, a Ruby Baktainer `.sql`, a
    /// hand-made dump), declared to be an `engine` dump: any name; the checksum only when a `.sha256` sidecar is
    /// there; layers from the name's suffixes, else the outermost from the content's magic; the engine's head
    /// check and, unless `acceptIncomplete`, its completeness check. The result carries a record made up from
    /// what was read (``BackupVerification/hasRecord`` false). A file with a record is verified as usual and
    /// must be a dump of `engine`'s family.
    package func verify(
        _ key: BackupKey, in storage: any BackupStorage, declaredEngine engine: any DatabaseEngine, acceptIncomplete: Bool
    ) async -> Result<BackupVerification, VerificationFailure> {
        do throws(VerificationFailure) {
            return .success(try await check(key, in: storage, declared: engine, acceptIncomplete: acceptIncomplete))
        } catch {
            return .failure(error)
        }
    }

    /// Verifies the backup file at `path` (``LocalBackupStorage/locate(_:minimumFreeSpace:)``).
    package func verify(_ path: String) async -> Result<BackupVerification, VerificationFailure> {
        let (storage, key) = LocalBackupStorage.locate(path)
        return await verify(key, in: storage)
    }

    private func check(
        _ key: BackupKey, in storage: any BackupStorage, declared: (any DatabaseEngine)?, acceptIncomplete: Bool
    ) async throws(VerificationFailure) -> BackupVerification {
        let path = storage.location(of: key)
        func fail(_ code: VerificationFailure.Code, _ message: String) -> VerificationFailure {
            VerificationFailure(path: path, code: code, message: message)
        }
        let fileName = key.fileName
        let sidecars: BackupSidecars
        do {
            sidecars = try await storage.sidecars(of: key)
        } catch {
            throw fail(.unreadable, "cannot be read: \(error)")
        }
        guard sidecars.exists else { throw fail(.unreadable, "no such file") }
        let recordless = declared != nil && sidecars.record == nil
        guard BackupFileName(fileName) != nil || declared != nil else {
            throw fail(.notABackup, "not a Baktainer backup: its name is not <name>-<unix seconds>.<extension>")
        }
        var record: BackupRecord?
        if let data = sidecars.record {
            do {
                record = try JSONDecoder().decode(BackupRecord.self, from: Data(data))
            } catch {
                throw fail(.notABackup, "not a Baktainer backup: its record \(fileName).json is not a Baktainer backup record")
            }
        } else if !recordless {
            throw fail(.notABackup, "not a Baktainer backup: there is no record \(fileName).json beside it (Baktainer writes one with every backup)")
        }
        let engine: any DatabaseEngine
        if let record {
            guard let known = registry.engine(named: record.engine) else {
                throw fail(.notABackup, "its record names engine '\(record.engine)', which this version does not know")
            }
            if let declared, !known.canRestore(into: declared) && !declared.canRestore(into: known) {
                throw fail(.notABackup, "its record \(fileName).json says it is a \(known.identifier) dump, not \(declared.identifier): leave out --engine")
            }
            engine = known
        } else if let declared {
            engine = declared
        } else {
            throw fail(.notABackup, "not a Baktainer backup: there is no record \(fileName).json beside it")
        }
        var expected: String?
        if !recordless || sidecars.checksum != nil {
            expected = try sidecarDigest(sidecars.checksum, path: path, fileName: fileName)
        }

        var layers = BackupLayer.layers(ofFileName: fileName)
        if recordless && layers.isEmpty {
            layers = try await sniffLayer(key, in: storage, fail: fail).map { [$0] } ?? []
        }
        let missingKey = layers.contains(.age) && identities.isEmpty
        var decodeError: LayeredDecoder.LayerError?
        var decoder: LayeredDecoder?
        if !missingKey {
            do throws(LayeredDecoder.LayerError) {
                decoder = try LayeredDecoder(layers: layers, identities: identities)
            } catch {
                decodeError = error
            }
        }
        var stored = ByteTap(headLength: 32, hashing: true)
        var dump = ByteTap()
        let take = { (decoded: ByteBuffer) in dump.observe(decoded) }
        // Without a key, the age header is read from the first bytes (headers are small; at most 64 KiB read).
        var header: [UInt8] = []
        do {
            for try await chunk in try await storage.open(key) {
                stored.observe(chunk)
                if missingKey, header.count < 64 << 10, AgeHeader.length(in: header) == nil {
                    header += chunk.readableBytesView.prefix((64 << 10) - header.count)
                }
                guard decodeError == nil, decoder != nil else { continue }
                do throws(LayeredDecoder.LayerError) {
                    try decoder!.decode(chunk, emit: take)
                } catch {
                    decodeError = error
                }
            }
            if decodeError == nil, decoder != nil {
                do throws(LayeredDecoder.LayerError) {
                    try decoder!.finish(emit: take)
                } catch {
                    decodeError = error
                }
            }
        } catch let error as StorageError {
            throw fail(.unreadable, "cannot be read: \(error.message)")
        } catch {
            throw fail(.unreadable, "cannot be read: \(error)")
        }
        let storedBytes = stored.count
        let dumpBytes = dump.count
        let rawHead = stored.head

        let digest = stored.finalizeDigest() ?? ""
        if let expected, digest != expected {
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
        if let first = layers.first, !rawHead.starts(with: first.magic.prefix(min(first.magic.count, rawHead.count))) || rawHead.count < first.magic.count {
            throw fail(
                .notABackup,
                "its name says \(first.displayName) (.\(first.rawValue)) but it does not start like a \(first.displayName) stream: not a Baktainer backup, or renamed"
            )
        }
        var made = BackupRecord(
            container: "-", engine: engine.identifier, file: key.rawValue, size: storedBytes, sha256: digest, durationSeconds: 0, exitCode: 0,
            startedAt: 0, baktainerVersion: "")
        made.dumpSize = dumpBytes
        if missingKey && !requireKey && !recordless {
            return try unopened(header, key: key, storage: storage, record: record ?? made, storedBytes: storedBytes, fail: fail)
        }
        if missingKey {
            throw fail(
                .noKey,
                "the backup is encrypted (.age) but no key is configured to open it: set BT_AGE_IDENTITY_FILE to the identity file (or BT_AGE_PASSPHRASE for passphrase backups)"
            )
        }
        if let decodeError {
            throw layerFailure(decodeError, path: path)
        }
        guard engine.acceptsHead(dump.head), dumpBytes > 0 else {
            throw fail(
                .notABackup,
                dumpBytes == 0 ? "the dump inside is empty" : "the dump inside does not start like a \(engine.identifier) backup (format header missing)")
        }
        if let expected = record?.dumpSize, expected != dumpBytes {
            throw fail(.truncated, "the dump inside has \(dumpBytes) bytes, its record says \(expected): \(dumpBytes < expected ? "truncated" : "altered")")
        }
        guard engine.isComplete(dumpTail: dump.tail, size: dumpBytes) || (recordless && acceptIncomplete) else {
            throw fail(
                .truncated,
                "truncated: the \(engine.identifier) dump inside (\(dumpBytes) bytes) fails its completeness check (no completion marker at the end): the dump was cut off"
                    + (recordless ? "; if it was made without one (by hand), add --force to restore it anyway" : "")
            )
        }
        var verification = BackupVerification(
            key: key, path: path, storage: storage, record: record ?? made, storedBytes: storedBytes, dumpBytes: dumpBytes, layers: layers)
        verification.hasRecord = record != nil
        return verification
    }

    /// The outermost layer of a file whose name does not tell, from its first bytes (gzip, zstd or age magic).
    private func sniffLayer(
        _ key: BackupKey, in storage: any BackupStorage, fail: (VerificationFailure.Code, String) -> VerificationFailure
    ) async throws(VerificationFailure) -> BackupLayer? {
        var head: [UInt8] = []
        do {
            for try await chunk in try await storage.open(key) {
                head += chunk.readableBytesView.prefix(32 - head.count)
                if head.count >= 32 { break }
            }
        } catch {
            throw fail(.unreadable, "cannot be read: \((error as? StorageError)?.message ?? "\(error)")")
        }
        return BackupLayer.allCases.first { head.starts(with: $0.magic) }
    }

    /// An encrypted file checked without its key (its checksum matched): its size against the record, and its age
    /// header, which must parse and name at least one recipient.
    private func unopened(
        _ header: [UInt8], key: BackupKey, storage: any BackupStorage, record: BackupRecord, storedBytes: Int,
        fail: (VerificationFailure.Code, String) -> VerificationFailure
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
            key: key, path: storage.location(of: key), storage: storage, record: record, storedBytes: storedBytes, dumpBytes: record.dumpSize ?? 0,
            layers: BackupLayer.layers(ofFileName: key.fileName))
        verification.unopened = "age header names \(recipients) (\(types.joined(separator: ", ")))"
        return verification
    }

    /// The digest recorded in the checksum sidecar.
    private func sidecarDigest(_ text: String?, path: String, fileName: String) throws(VerificationFailure) -> String {
        guard let text else {
            throw VerificationFailure(
                path: path, code: .missingSidecar,
                message:
                    "the checksum sidecar \(fileName).sha256 is missing, so the file cannot be proven intact: restore the sidecar from the same copy as the file (or run 'sha256sum \(fileName) > \(fileName).sha256' if you trust the file)"
            )
        }
        let line = text.split(separator: "\n").first ?? ""
        let parts = line.split(separator: " ", maxSplits: 1)
        let digest = parts.first.map { String($0).lowercased() } ?? ""
        let named = parts.count > 1 ? String(parts[1].drop { $0 == " " || $0 == "*" }) : ""
        guard digest.count == 64, digest.allSatisfy(\.isHexDigit), named == fileName else {
            throw VerificationFailure(
                path: path, code: .missingSidecar,
                message: "the checksum sidecar \(fileName).sha256 is not a 'sha256sum' line for \(fileName): restore it from the same copy as the file")
        }
        return digest
    }

    private func layerFailure(_ error: LayeredDecoder.LayerError, path: String) -> VerificationFailure {
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
