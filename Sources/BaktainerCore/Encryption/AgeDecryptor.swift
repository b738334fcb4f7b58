import Crypto
import NIOCore

/// Decrypts an age-format stream (age-encryption.org/v1), written by Baktainer or by `age`.
///
/// The header may arrive split across any number of inputs; it is authenticated before any plaintext is
/// returned. Each 64 KiB chunk is returned as soon as it is complete and authentic, so at most one sealed chunk
/// is held back. `finish()` throws when the stream ends without its final chunk.
package struct AgeDecryptor: ByteStreamTransform {
    private enum State {
        case header(lineStart: Int, scanned: Int)
        case payloadNonce(fileKey: SymmetricKey)
        case chunks(key: SymmetricKey)
        case done
        case failed
    }

    private let identities: [AgeIdentity]
    private var state: State = .header(lineStart: 0, scanned: 0)
    private var buffer = ByteBuffer()
    private var counter: UInt64 = 0
    private let empty = ByteBuffer()

    /// Prepares decryption with `identities` (X25519 keys and/or a passphrase); the first that opens the file wins.
    package init(identities: [AgeIdentity]) {
        self.identities = identities
    }

    package mutating func transform(_ input: ByteBuffer) throws -> ByteBuffer {
        var input = input
        if case .failed = state {
            throw AgeError(.invalidState, "the decryptor already failed: start again with a new decryptor")
        }
        if case .done = state {
            guard input.readableBytes == 0 else { throw fail(trailingData()) }
            return empty
        }
        buffer.writeBuffer(&input)
        // While a chunk is incomplete there is nothing to do: skip the state machine and any allocation.
        if case .chunks = state, buffer.readableBytes < AgePayload.sealedChunkSize {
            return empty
        }
        do throws(AgeError) {
            return try advance(atEnd: false)
        } catch {
            throw fail(error)
        }
    }

    package mutating func finish() throws -> ByteBuffer {
        if case .failed = state {
            throw AgeError(.invalidState, "the decryptor already failed: start again with a new decryptor")
        }
        do throws(AgeError) {
            let output = try advance(atEnd: true)
            switch state {
            case .done: return output
            case .header:
                if buffer.readableBytes == 0 { throw AgeError(.notAgeFile, "the input is empty: it is not an age-encrypted file") }
                throw AgeError(.truncated, "the stream ended inside the age header: the file is truncated")
            default:
                throw AgeError(.truncated, "the stream ended before the final chunk: the file is truncated (an interrupted write or copy?)")
            }
        } catch {
            throw fail(error)
        }
    }

    private mutating func fail(_ error: AgeError) -> AgeError {
        state = .failed
        buffer = ByteBuffer()
        return error
    }

    private func trailingData() -> AgeError {
        AgeError(.trailingData, "data follows the final chunk: the file was altered or two files were joined")
    }

    /// Consumes as much of `buffer` as the current state allows.
    private mutating func advance(atEnd: Bool) throws(AgeError) -> ByteBuffer {
        var output = empty
        while true {
            switch state {
            case .header(let lineStart, let scanned):
                guard let fileKey = try parseHeader(lineStart: lineStart, scanned: scanned) else { return output }
                state = .payloadNonce(fileKey: fileKey)
            case .payloadNonce(let fileKey):
                guard let nonce = buffer.readBytes(length: AgePayload.nonceSize) else { return output }
                state = .chunks(key: AgePayload.key(fileKey: fileKey, nonce: nonce))
            case .chunks(let key):
                if buffer.readableBytes >= AgePayload.sealedChunkSize {
                    let sealed = buffer.readBytes(length: AgePayload.sealedChunkSize)![...]
                    if let plain = AgeCipher.open(sealed, key: key, nonce: AgePayload.chunkNonce(counter: counter, last: false)) {
                        output.writeBytes(plain)
                    } else if let plain = AgeCipher.open(sealed, key: key, nonce: AgePayload.chunkNonce(counter: counter, last: true)) {
                        output.writeBytes(plain)
                        state = .done
                    } else {
                        throw chunkAltered()
                    }
                    counter += 1
                } else if atEnd && buffer.readableBytes > 0 {
                    guard buffer.readableBytes >= 16 else {
                        throw AgeError(.truncated, "the stream ended inside a chunk: the file is truncated")
                    }
                    let sealed = buffer.readBytes(length: buffer.readableBytes)![...]
                    guard let plain = AgeCipher.open(sealed, key: key, nonce: AgePayload.chunkNonce(counter: counter, last: true)) else {
                        throw chunkAltered()
                    }
                    guard !plain.isEmpty || counter == 0 else {
                        throw AgeError(
                            .payloadAuthenticationFailed, "the final chunk is empty, which age forbids after data: the file was altered or is corrupt")
                    }
                    output.writeBytes(plain)
                    counter += 1
                    state = .done
                } else {
                    // Compact once per call, not per chunk: a large input would otherwise be moved many times.
                    buffer.discardReadBytes()
                    return output
                }
            case .done:
                guard buffer.readableBytes == 0 else { throw trailingData() }
                return output
            case .failed:
                return output
            }
        }
    }

    private func chunkAltered() -> AgeError {
        AgeError(.payloadAuthenticationFailed, "chunk \(counter) of the payload failed authentication: the file was altered, is corrupt or was cut off")
    }

    /// Returns the file key once the whole header is buffered and verified; nil while more input is needed.
    private mutating func parseHeader(lineStart: Int, scanned: Int) throws(AgeError) -> SymmetricKey? {
        let magic = Array((AgeHeader.versionLine + "\n").utf8)
        let available = buffer.readableBytes
        let prefix = buffer.getBytes(at: buffer.readerIndex, length: min(available, magic.count)) ?? []
        guard prefix == Array(magic.prefix(prefix.count)) else {
            if prefix.starts(with: Array("-----BEGIN AGE".utf8)) {
                throw AgeError(
                    .notAgeFile,
                    "the input is an ASCII-armored age file, which is not supported: decrypt it with 'age -d' or convert it with 'age -d | age' first")
            }
            throw AgeError(.notAgeFile, "the input does not start with '\(AgeHeader.versionLine)': it is not an age-encrypted file")
        }
        // Find the line starting "--- ", scanning only bytes not looked at before.
        var lineStart = lineStart
        var position = scanned
        var headerEnd: Int?
        while position < available {
            let byte = buffer.getInteger(at: buffer.readerIndex + position, as: UInt8.self)!
            position += 1
            if byte == UInt8(ascii: "\n") {
                if position - lineStart > 4,
                    buffer.getBytes(at: buffer.readerIndex + lineStart, length: 4) == Array("--- ".utf8)
                {
                    headerEnd = position
                    break
                }
                lineStart = position
            }
        }
        guard let headerEnd else {
            guard available <= AgeHeader.maximumSize else {
                throw AgeError(.malformedHeader, "the age header is longer than \(AgeHeader.maximumSize) bytes: the file is corrupt")
            }
            state = .header(lineStart: lineStart, scanned: position)
            return nil
        }
        let header = try AgeHeader.parse(buffer.readBytes(length: headerEnd)!)
        buffer.discardReadBytes()
        let hasScrypt = header.stanzas.contains { $0.type == "scrypt" }
        if hasScrypt && header.stanzas.count != 1 {
            throw AgeError(.malformedHeader, "the header combines a passphrase (scrypt) stanza with others, which age forbids: the file is corrupt")
        }
        var fileKey: SymmetricKey?
        for identity in identities {
            if let key = try identity.unwrap(header.stanzas) {
                fileKey = key
                break
            }
        }
        guard let fileKey else {
            if hasScrypt {
                let hasPassphrase = identities.contains(where: \.isPassphrase)
                throw AgeError(
                    .noMatchingIdentity,
                    hasPassphrase
                        ? "the file is encrypted with a passphrase and the configured passphrase (BT_AGE_PASSPHRASE) does not open it: check the passphrase"
                        : "the file is encrypted with a passphrase, but no passphrase is configured: set BT_AGE_PASSPHRASE or BT_AGE_PASSPHRASE_FILE")
            }
            throw AgeError(
                .noMatchingIdentity,
                "the file is not encrypted to any of the configured identities (BT_AGE_IDENTITY_FILE): check that the key matches a recipient in BT_AGE_RECIPIENTS when it was written"
            )
        }
        guard header.isAuthentic(fileKey: fileKey) else {
            throw AgeError(.headerAuthenticationFailed, "the header MAC does not match: the file was altered or is corrupt")
        }
        return fileKey
    }
}
