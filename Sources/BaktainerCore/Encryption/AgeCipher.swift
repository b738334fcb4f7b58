import Crypto

/// ChaCha20-Poly1305 and randomness helpers shared by the age stanzas and payload.
enum AgeCipher {
    /// The all-zero 12-byte nonce used to wrap file keys.
    static let zeroNonce = [UInt8](repeating: 0, count: 12)

    /// Seals `plaintext`, returning ciphertext followed by the 16-byte tag.
    static func seal(_ plaintext: [UInt8], key: SymmetricKey, nonce: [UInt8]) throws -> [UInt8] {
        let box = try ChaChaPoly.seal(plaintext, using: key, nonce: ChaChaPoly.Nonce(data: nonce))
        return Array(box.ciphertext) + Array(box.tag)
    }

    /// Opens ciphertext-plus-tag; nil when authentication fails.
    static func open(_ sealed: ArraySlice<UInt8>, key: SymmetricKey, nonce: [UInt8]) -> [UInt8]? {
        guard sealed.count >= 16,
            let nonce = try? ChaChaPoly.Nonce(data: nonce),
            let box = try? ChaChaPoly.SealedBox(nonce: nonce, ciphertext: sealed.dropLast(16), tag: sealed.suffix(16)),
            let plain = try? ChaChaPoly.open(box, using: key)
        else { return nil }
        return Array(plain)
    }

    /// `count` bytes from the system's cryptographically secure generator.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

extension SymmetricKey {
    /// The key's bytes.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}
