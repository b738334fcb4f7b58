import Crypto
import _CryptoExtras

/// Someone a file is encrypted to: an X25519 public key (`age1…`) or a passphrase (scrypt).
///
/// age forbids mixing a passphrase with other recipients; `AgeEncryptor` enforces that.
/// The description never shows a passphrase.
package struct AgeRecipient: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The default scrypt work factor (log2 N) for new passphrase-encrypted files, as age uses.
    package static let defaultWorkFactor = 18

    enum Kind: Sendable, Equatable {
        case x25519(publicKey: [UInt8])
        case scrypt(passphrase: String, workFactor: Int)
    }

    let kind: Kind

    /// Parses an X25519 recipient, `age1…` (Bech32, lower-case).
    package init(parsing text: String) throws(AgeError) {
        let trimmed = text.trimmingAgeWhitespace()
        guard let (hrp, data) = Bech32.decode(trimmed), hrp == "age", data.count == 32,
            trimmed == trimmed.lowercased()
        else {
            // Never echo the text: a private key pasted by mistake must not reach a log.
            throw AgeError(.invalidRecipient, "the value is not an age X25519 recipient: expected 'age1…' as printed by age-keygen or baktainer keygen")
        }
        kind = .x25519(publicKey: data)
    }

    /// A recipient from a raw 32-byte X25519 public key.
    package init(x25519PublicKey key: Curve25519.KeyAgreement.PublicKey) {
        kind = .x25519(publicKey: Array(key.rawRepresentation))
    }

    /// A passphrase recipient; `workFactor` is log2 of scrypt's N (1…22; default 18, as age).
    package static func passphrase(_ passphrase: String, workFactor: Int = defaultWorkFactor) throws(AgeError) -> AgeRecipient {
        guard !passphrase.isEmpty else { throw AgeError(.invalidPassphrase, "the passphrase is empty: set a non-empty passphrase") }
        guard (1...22).contains(workFactor) else {
            throw AgeError(.invalidPassphrase, "scrypt work factor \(workFactor) is out of range: use 1 to 22 (age's default is 18)")
        }
        return AgeRecipient(kind: .scrypt(passphrase: passphrase, workFactor: workFactor))
    }

    private init(kind: Kind) {
        self.kind = kind
    }

    /// The `age1…` string for an X25519 recipient; nil for a passphrase.
    package var encoded: String? {
        guard case .x25519(let key) = kind else { return nil }
        return Bech32.encode(hrp: "age", data: key)
    }

    /// Whether this is a passphrase (scrypt) recipient.
    package var isPassphrase: Bool {
        if case .scrypt = kind { return true }
        return false
    }

    package var description: String { encoded ?? "passphrase (scrypt)" }

    package var customMirror: Mirror { Mirror(self, children: [:]) }

    /// Wraps `fileKey` into this recipient's stanza.
    func wrap(fileKey: SymmetricKey) throws(AgeError) -> AgeStanza {
        switch kind {
        case .x25519(let publicKeyBytes):
            do {
                let recipient = try Curve25519.KeyAgreement.PublicKey(rawRepresentation: publicKeyBytes)
                let ephemeral = Curve25519.KeyAgreement.PrivateKey()
                let share = Array(ephemeral.publicKey.rawRepresentation)
                let shared = try ephemeral.sharedSecretFromKeyAgreement(with: recipient)
                let wrapKey = shared.hkdfDerivedSymmetricKey(
                    using: SHA256.self, salt: share + publicKeyBytes,
                    sharedInfo: Array("age-encryption.org/v1/X25519".utf8), outputByteCount: 32)
                let body = try AgeCipher.seal(fileKey.bytes, key: wrapKey, nonce: AgeCipher.zeroNonce)
                return AgeStanza(type: "X25519", arguments: [AgeBase64.encode(share)], body: body)
            } catch {
                throw AgeError(.cryptoFailure, "wrapping the file key for an X25519 recipient failed: \(error)")
            }
        case .scrypt(let passphrase, let workFactor):
            let salt = AgeCipher.randomBytes(16)
            let wrapKey = try Self.scryptKey(passphrase: passphrase, salt: salt, workFactor: workFactor)
            do {
                let body = try AgeCipher.seal(fileKey.bytes, key: wrapKey, nonce: AgeCipher.zeroNonce)
                return AgeStanza(type: "scrypt", arguments: [AgeBase64.encode(salt), String(workFactor)], body: body)
            } catch {
                throw AgeError(.cryptoFailure, "wrapping the file key with the passphrase failed")
            }
        }
    }

    /// scrypt(passphrase, "age-encryption.org/v1/scrypt" + salt, N = 2^workFactor, r = 8, p = 1), 32 bytes.
    static func scryptKey(passphrase: String, salt: [UInt8], workFactor: Int) throws(AgeError) -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(
                from: Array(passphrase.utf8), salt: Array("age-encryption.org/v1/scrypt".utf8) + salt,
                outputByteCount: 32, rounds: 1 << workFactor, blockSize: 8, parallelism: 1)
        } catch {
            // The error cannot hold the passphrase, but say only what failed.
            throw AgeError(.cryptoFailure, "scrypt key derivation (work factor \(workFactor)) failed: not enough memory?")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and newlines.
    func trimmingAgeWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
