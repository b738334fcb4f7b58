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
        try await complete(try await inspect(key, in: storage, declaredEngine: declared, acceptIncomplete: acceptIncomplete))
    }

    /// Reads the backup `pending` describes through a ``VerificationPass``: the second half of ``verify(_:in:)``.
    package func complete(_ pending: PendingVerification) async throws(VerificationFailure) -> BackupVerification {
        var pass = VerificationPass(pending, identities: identities, requireKey: requireKey)
        do {
            for try await chunk in try await pending.storage.open(pending.key) {
                pass.take(chunk) { _ in }
            }
        } catch {
            throw VerificationFailure(path: pending.path, code: .unreadable, message: "cannot be read: \((error as? StorageError)?.message ?? "\(error)")")
        }
        pass.finish { _ in }
        return try pass.conclude()
    }

    /// What the backup's name and sidecars say, reading no more of the file than a layer's magic when its name
    /// does not tell: the first half of ``verify(_:in:)`` (with `declaredEngine`, of
    /// ``verify(_:in:declaredEngine:acceptIncomplete:)``). Throws what those would for a missing or bad record or
    /// sidecar. A restore that checks the bytes as it feeds them runs the ``VerificationPass`` itself.
    package func inspect(
        _ key: BackupKey, in storage: any BackupStorage, declaredEngine declared: (any DatabaseEngine)? = nil, acceptIncomplete: Bool = false
    ) async throws(VerificationFailure) -> PendingVerification {
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
        return PendingVerification(
            key: key, storage: storage, path: path, record: record, engine: engine, expectedDigest: expected, layers: layers,
            acceptIncomplete: acceptIncomplete)
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
}
