/// Why a backup file failed verification; the message names the file and what to do. Holds no secret.
package struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bounded kind of failure; each has its own message.
    package enum Code: String, Sendable, Equatable, CaseIterable {
        /// The file is not a Baktainer backup: unknown name, no or unreadable `<file>.json` record, unknown engine,
        /// or content that does not start like its format.
        case notABackup = "not_a_backup"
        /// The file cannot be opened or read.
        case unreadable
        /// `<file>.sha256` is missing, so the file cannot be proven intact.
        case missingSidecar = "missing_sidecar"
        /// The SHA-256 of the file differs from its sidecar: the content changed (a flipped byte, an edit).
        case checksumMismatch = "checksum_mismatch"
        /// The file or one of its layers ends early, or the dump inside lacks its completion marker.
        case truncated
        /// The file is encrypted but no key is configured (`BT_AGE_IDENTITY_FILE`, `BT_AGE_PASSPHRASE`).
        case noKey = "no_key"
        /// None of the configured keys opens the file.
        case wrongKey = "wrong_key"
        /// A compression or encryption layer is damaged.
        case corrupt
    }

    /// The file that failed.
    package var path: String
    /// What kind of failure.
    package var code: Code
    /// What happened and what to do.
    package var message: String

    /// Creates a failure.
    package init(path: String, code: Code, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// `PATH: MESSAGE`.
    package var description: String { "\(path): \(message)" }
}
