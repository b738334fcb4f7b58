import Crypto

/// The STREAM construction of the age payload: ChaCha20-Poly1305 over 64 KiB chunks.
enum AgePayload {
    /// Plaintext bytes per chunk.
    static let chunkSize = 64 * 1024
    /// Ciphertext bytes per full chunk (plaintext plus the 16-byte tag).
    static let sealedChunkSize = chunkSize + 16
    /// Bytes of the random payload nonce following the header.
    static let nonceSize = 16

    /// The payload key: HKDF-SHA256(file key, salt: payload nonce, info "payload").
    static func key(fileKey: SymmetricKey, nonce: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Array("payload".utf8), outputByteCount: 32)
    }

    /// The chunk nonce: 11-byte big-endian counter, then 1 for the last chunk or 0.
    static func chunkNonce(counter: UInt64, last: Bool) -> [UInt8] {
        var nonce = [UInt8](repeating: 0, count: 12)
        for i in 0..<8 { nonce[10 - i] = UInt8(truncatingIfNeeded: counter >> (8 * UInt64(i))) }
        nonce[11] = last ? 1 : 0
        return nonce
    }
}
