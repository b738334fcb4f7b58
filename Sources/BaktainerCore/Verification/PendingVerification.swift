/// What a backup's name and sidecars say before its bytes are read (``BackupVerifier/inspect(_:in:declaredEngine:acceptIncomplete:)``):
/// its record, engine, the checksum it must have and its layers. A ``VerificationPass`` over the bytes decides.
package struct PendingVerification: Sendable {
    /// The backup.
    package var key: BackupKey
    /// Where it is kept.
    package var storage: any BackupStorage
    /// Its location, for messages.
    package var path: String
    /// Its `<file>.json` record; nil for a dump verified as a declared engine's without one.
    package var record: BackupRecord?
    /// The engine whose checks the dump must pass.
    package var engine: any DatabaseEngine
    /// The SHA-256 from `<file>.sha256`; nil for a dump without a record and without that sidecar.
    package var expectedDigest: String?
    /// The layers to decode, outermost first.
    package var layers: [BackupLayer]
    /// Whether a dump without a record may lack its completion marker (`--force`).
    package var acceptIncomplete: Bool

    /// Whether the file has an age layer and `identities` holds no key to open it.
    package func lacksKey(_ identities: [AgeIdentity]) -> Bool { layers.contains(.age) && identities.isEmpty }

    /// The verification result before the bytes are read: sizes from the record. For a restore that checks
    /// the file as it streams (``RestoreTransaction``).
    package var unread: BackupVerification {
        let made = BackupRecord(
            container: "-", engine: engine.identifier, file: key.rawValue, size: 0, sha256: expectedDigest ?? "", durationSeconds: 0, exitCode: 0,
            startedAt: 0, baktainerVersion: "")
        var verification = BackupVerification(
            key: key, path: path, storage: storage, record: record ?? made, storedBytes: record?.size ?? 0, dumpBytes: record?.dumpSize ?? 0,
            layers: layers)
        verification.hasRecord = record != nil
        return verification
    }
}
