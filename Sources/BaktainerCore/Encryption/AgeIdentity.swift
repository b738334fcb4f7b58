import Crypto

/// A key that can open age files: an X25519 private key (`AGE-SECRET-KEY-1…`) or a passphrase.
///
/// The description never shows the key or the passphrase.
package struct AgeIdentity: Sendable, CustomStringConvertible, CustomReflectable {
    /// The largest scrypt work factor accepted by default when decrypting, as age (2^22 × 1 KiB = 4 GiB).
    package static let defaultMaximumWorkFactor = 22

    enum Kind: Sendable {
        case x25519(Curve25519.KeyAgreement.PrivateKey)
        case scrypt(passphrase: String, maximumWorkFactor: Int)
    }

    let kind: Kind

    /// Parses an X25519 identity, `AGE-SECRET-KEY-1…` (Bech32, upper-case).
    package init(parsing text: String) throws(AgeError) {
        let trimmed = text.trimmingAgeWhitespace()
        guard trimmed == trimmed.uppercased(), let (hrp, data) = Bech32.decode(trimmed),
            hrp == "age-secret-key-", data.count == 32,
            let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data)
        else {
            // Never echo the text: it may be a (damaged) private key.
            throw AgeError(.invalidIdentity, "the value is not an age identity: expected 'AGE-SECRET-KEY-1…' as written by age-keygen or baktainer keygen")
        }
        kind = .x25519(key)
    }

    /// An identity from an X25519 private key.
    package init(x25519PrivateKey key: Curve25519.KeyAgreement.PrivateKey) {
        kind = .x25519(key)
    }

    /// A passphrase identity; files asking for a scrypt work factor above `maximumWorkFactor` are refused.
    package static func passphrase(_ passphrase: String, maximumWorkFactor: Int = defaultMaximumWorkFactor) throws(AgeError) -> AgeIdentity {
        guard !passphrase.isEmpty else { throw AgeError(.invalidPassphrase, "the passphrase is empty: set a non-empty passphrase") }
        return AgeIdentity(kind: .scrypt(passphrase: passphrase, maximumWorkFactor: maximumWorkFactor))
    }

    private init(kind: Kind) {
        self.kind = kind
    }

    /// Parses an identity file: one `AGE-SECRET-KEY-1…` per line; blank lines and `#` comments are ignored.
    package static func parseFile(_ contents: String) throws(AgeError) -> [AgeIdentity] {
        var identities: [AgeIdentity] = []
        for (number, line) in contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = String(line).trimmingAgeWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                identities.append(try AgeIdentity(parsing: trimmed))
            } catch {
                throw AgeError(
                    .invalidIdentity,
                    "line \(number + 1) of the identity file is not an age identity: expected 'AGE-SECRET-KEY-1…' lines (comments start with '#')")
            }
        }
        guard !identities.isEmpty else {
            throw AgeError(.invalidIdentity, "the identity file holds no 'AGE-SECRET-KEY-1…' line")
        }
        return identities
    }

    /// The `AGE-SECRET-KEY-1…` string for an X25519 identity (a secret); nil for a passphrase.
    package var encoded: String? {
        guard case .x25519(let key) = kind else { return nil }
        return Bech32.encode(hrp: "AGE-SECRET-KEY-", data: Array(key.rawRepresentation))
    }

    /// The matching recipient of an X25519 identity; nil for a passphrase.
    package var recipient: AgeRecipient? {
        guard case .x25519(let key) = kind else { return nil }
        return AgeRecipient(x25519PublicKey: key.publicKey)
    }

    /// Whether this is a passphrase identity.
    package var isPassphrase: Bool {
        if case .scrypt = kind { return true }
        return false
    }

    package var description: String {
        switch kind {
        case .x25519(let key): "age identity for \(AgeRecipient(x25519PublicKey: key.publicKey))"
        case .scrypt: "passphrase (scrypt)"
        }
    }

    package var customMirror: Mirror { Mirror(self, children: [:]) }

    /// The file key from the first stanza this identity opens; nil when none matches.
    /// Throws for a malformed stanza of this identity's type or a too-high scrypt work factor.
    func unwrap(_ stanzas: [AgeStanza]) throws(AgeError) -> SymmetricKey? {
        switch kind {
        case .x25519(let key):
            let ownPublic = Array(key.publicKey.rawRepresentation)
            for stanza in stanzas where stanza.type == "X25519" {
                guard stanza.arguments.count == 1, let share = AgeBase64.decode(stanza.arguments[0]), share.count == 32,
                    stanza.body.count == 32
                else {
                    throw AgeError(.malformedHeader, "an X25519 stanza is malformed: the file is corrupt")
                }
                guard let sharePublic = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share),
                    let shared = try? key.sharedSecretFromKeyAgreement(with: sharePublic)
                else {
                    throw AgeError(.malformedHeader, "an X25519 stanza holds an invalid ephemeral share: the file is corrupt")
                }
                guard !shared.withUnsafeBytes({ $0.allSatisfy { $0 == 0 } }) else {
                    throw AgeError(.malformedHeader, "an X25519 stanza holds a low-order ephemeral share: the file is corrupt")
                }
                let wrapKey = shared.hkdfDerivedSymmetricKey(
                    using: SHA256.self, salt: share + ownPublic,
                    sharedInfo: Array("age-encryption.org/v1/X25519".utf8), outputByteCount: 32)
                if let fileKey = AgeCipher.open(stanza.body[...], key: wrapKey, nonce: AgeCipher.zeroNonce), fileKey.count == 16 {
                    return SymmetricKey(data: fileKey)
                }
            }
            return nil
        case .scrypt(let passphrase, let maximumWorkFactor):
            for stanza in stanzas where stanza.type == "scrypt" {
                guard stanza.arguments.count == 2, let salt = AgeBase64.decode(stanza.arguments[0]), salt.count == 16,
                    let workFactor = Self.workFactor(stanza.arguments[1]), stanza.body.count == 32
                else {
                    throw AgeError(.malformedHeader, "a scrypt (passphrase) stanza is malformed: the file is corrupt")
                }
                guard workFactor <= maximumWorkFactor else {
                    throw AgeError(
                        .workFactorTooLarge,
                        "the file asks for scrypt work factor \(workFactor), above the accepted \(maximumWorkFactor): refusing rather than spending minutes and gigabytes; re-encrypt it with a lower work factor"
                    )
                }
                let wrapKey = try AgeRecipient.scryptKey(passphrase: passphrase, salt: salt, workFactor: workFactor)
                if let fileKey = AgeCipher.open(stanza.body[...], key: wrapKey, nonce: AgeCipher.zeroNonce), fileKey.count == 16 {
                    return SymmetricKey(data: fileKey)
                }
            }
            return nil
        }
    }

    /// A work factor in canonical decimal (no sign, no leading zero), 1…64; nil otherwise.
    private static func workFactor(_ text: String) -> Int? {
        guard let first = text.utf8.first, first != UInt8(ascii: "0"), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            text.utf8.count <= 2, let value = Int(text), value <= 64
        else { return nil }
        return value
    }
}
