import Crypto
import Foundation

/// A fresh X25519 key pair for age: the identity (secret) and its recipient (public).
package struct AgeKeyPair: Sendable {
    /// The private identity, `AGE-SECRET-KEY-1…`.
    package let identity: AgeIdentity
    /// The public recipient, `age1…`.
    package let recipient: AgeRecipient

    /// Generates a new key pair from the system's secure random generator.
    package static func generate() -> AgeKeyPair {
        let key = Curve25519.KeyAgreement.PrivateKey()
        return AgeKeyPair(identity: AgeIdentity(x25519PrivateKey: key), recipient: AgeRecipient(x25519PublicKey: key.publicKey))
    }

    /// The identity string, `AGE-SECRET-KEY-1…` (a secret: write it only where the user asked).
    package var identityString: String { identity.encoded ?? "" }

    /// The recipient string, `age1…`.
    package var recipientString: String { recipient.encoded ?? "" }

    /// The key file in age-keygen's format: `# created: <RFC 3339>`, `# public key: age1…`, then the identity.
    package func keygenText(created: Date = Date()) -> String {
        "# created: \(created.formatted(.iso8601))\n# public key: \(recipientString)\n\(identityString)\n"
    }
}
