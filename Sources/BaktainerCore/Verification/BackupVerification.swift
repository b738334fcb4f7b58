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
