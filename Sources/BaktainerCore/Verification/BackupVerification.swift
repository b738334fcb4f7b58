/// A backup file that passed verification: what was checked and what it holds.
package struct BackupVerification: Sendable, Equatable {
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
    package init(path: String, record: BackupRecord, storedBytes: Int, dumpBytes: Int, layers: [BackupLayer]) {
        self.path = path
        self.record = record
        self.storedBytes = storedBytes
        self.dumpBytes = dumpBytes
        self.layers = layers
    }
}
