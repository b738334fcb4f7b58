/// A backup file that passed verification: what was checked and what it holds.
package struct BackupVerification: Sendable {
    /// The backup's key in its storage.
    package var key: BackupKey
    /// Where it is kept.
    package var storage: any BackupStorage
    /// The verified file.
    package var path: String
    /// Its `<file>.json` record.
    package var record: BackupRecord
    /// The file's size as stored.
    package var storedBytes: Int
    /// The size of the dump inside, after decryption and decompression.
    package var dumpBytes: Int
    /// The layers that were decoded, outermost first (e.g. `age`, `zstd`); empty for a plain dump.
    package var layers: [BackupLayer]
    /// Set when the encrypted layer was not opened (no key, ``BackupVerifier`` told not to require one): what
    /// was checked instead, e.g. "age header names 1 recipient (X25519)". The dump inside was not checked and
    /// ``dumpBytes`` is the record's figure.
    package var unopened: String?
    /// Whether the file has Baktainer's record; false for a dump verified as a declared engine's
    /// (``BackupVerifier/verify(_:in:declaredEngine:acceptIncomplete:)``), whose ``record`` is made up from what
    /// was read (container `-`, no database).
    package var hasRecord = true

    /// Creates a verification result.
    package init(key: BackupKey, path: String, storage: any BackupStorage, record: BackupRecord, storedBytes: Int, dumpBytes: Int, layers: [BackupLayer]) {
        self.key = key
        self.path = path
        self.storage = storage
        self.record = record
        self.storedBytes = storedBytes
        self.dumpBytes = dumpBytes
        self.layers = layers
    }
}
