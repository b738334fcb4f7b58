import Crypto
import NIOCore

/// Encrypts a byte stream into the age format (age-encryption.org/v1), readable by `age -d`.
///
/// Emits the header and payload nonce with the first output, then each 64 KiB chunk as soon as a later byte
/// proves it is not the last; at most one chunk is held back, because the last chunk carries the final flag.
package struct AgeEncryptor: ByteStreamTransform {
    private var pendingHeader: [UInt8]?
    private let payloadKey: SymmetricKey
    private var held: ByteBuffer
    private var counter: UInt64 = 0
    private var finished = false
    private let empty = ByteBuffer()

    /// Prepares encryption to `recipients`: one or more X25519 recipients, or exactly one passphrase.
    /// Throws when the list is empty or mixes a passphrase with other recipients.
    package init(recipients: [AgeRecipient]) throws(AgeError) {
        guard !recipients.isEmpty else {
            throw AgeError(.invalidRecipient, "no recipients: give at least one age1… recipient or a passphrase")
        }
        if recipients.contains(where: \.isPassphrase) && recipients.count > 1 {
            throw AgeError(.invalidRecipient, "a passphrase cannot be combined with other recipients (age forbids it): use either recipients or one passphrase")
        }
        let fileKey = SymmetricKey(size: .init(bitCount: 128))
        var stanzas: [AgeStanza] = []
        for recipient in recipients { stanzas.append(try recipient.wrap(fileKey: fileKey)) }
        let nonce = AgeCipher.randomBytes(AgePayload.nonceSize)
        pendingHeader = AgeHeader.encode(stanzas: stanzas, fileKey: fileKey) + nonce
        payloadKey = AgePayload.key(fileKey: fileKey, nonce: nonce)
        held = ByteBuffer()
    }

    package mutating func transform(_ input: ByteBuffer) throws -> ByteBuffer {
        guard !finished else { throw AgeError(.invalidState, "input arrived after finish(): an encryptor encrypts one stream") }
        var input = input
        // Most small inputs only fill the held chunk: return the shared empty buffer without allocating.
        if pendingHeader == nil && held.readableBytes + input.readableBytes <= AgePayload.chunkSize {
            held.writeBuffer(&input)
            return empty
        }
        var output = ByteBuffer()
        if let header = pendingHeader {
            output.writeBytes(header)
            pendingHeader = nil
        }
        // Fill the held chunk; whenever more input follows a full chunk, that chunk is not the last.
        while input.readableBytes > 0 {
            if held.readableBytes == AgePayload.chunkSize {
                try sealHeld(last: false, into: &output)
            }
            let take = min(AgePayload.chunkSize - held.readableBytes, input.readableBytes)
            var slice = input.readSlice(length: take)!
            held.writeBuffer(&slice)
        }
        return output
    }

    package mutating func finish() throws -> ByteBuffer {
        guard !finished else { throw AgeError(.invalidState, "finish() was called twice: an encryptor encrypts one stream") }
        var output = ByteBuffer()
        if let header = pendingHeader {
            output.writeBytes(header)
            pendingHeader = nil
        }
        try sealHeld(last: true, into: &output)
        finished = true
        return output
    }

    private mutating func sealHeld(last: Bool, into output: inout ByteBuffer) throws(AgeError) {
        let plaintext = held.readBytes(length: held.readableBytes) ?? []
        held.clear()
        do {
            let sealed = try AgeCipher.seal(plaintext, key: payloadKey, nonce: AgePayload.chunkNonce(counter: counter, last: last))
            output.writeBytes(sealed)
        } catch {
            throw AgeError(.cryptoFailure, "sealing payload chunk \(counter) failed: \(error)")
        }
        counter += 1
    }
}
