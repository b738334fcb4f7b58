/// A failure to encrypt or decrypt in the age format (age-encryption.org/v1), with a bounded code and a
/// message for a person. Never contains a passphrase or a private key.
package struct AgeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a bounded set a caller can switch on.
    package enum Code: String, Sendable, Equatable, CaseIterable {
        /// A recipient string is not an `age1…` X25519 public key, or the recipient set is unusable.
        case invalidRecipient
        /// An identity string or identity file line is not an `AGE-SECRET-KEY-1…` key.
        case invalidIdentity
        /// A passphrase is empty or a scrypt work factor is out of range.
        case invalidPassphrase
        /// The input does not start like an age file.
        case notAgeFile
        /// The header is not well formed.
        case malformedHeader
        /// None of the identities opens the file key.
        case noMatchingIdentity
        /// The file asks for a scrypt work factor above the accepted maximum.
        case workFactorTooLarge
        /// The header MAC does not match: the header was altered.
        case headerAuthenticationFailed
        /// A payload chunk failed authentication: the data was altered, corrupt or cut off mid-chunk.
        case payloadAuthenticationFailed
        /// The stream ended before the final chunk.
        case truncated
        /// Bytes follow the final chunk.
        case trailingData
        /// A cryptographic primitive failed unexpectedly.
        case cryptoFailure
        /// The encryptor or decryptor was used after it finished or failed.
        case invalidState
    }

    /// The kind of failure.
    package var code: Code
    /// What happened and what to do.
    package var message: String

    /// Creates an error with `code` and a person-readable `message`.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { "age \(code.rawValue): \(message)" }
}
