import BaktainerCore
import Foundation
import NIOCore

/// Helpers shared by the age tests: stream a byte array through a transform in pieces.
enum AgeTestSupport {
    /// Runs `bytes` through `transform`, `pieceSize` bytes per call, and returns all output.
    static func run<T: ByteStreamTransform>(_ transform: inout T, _ bytes: [UInt8], pieceSize: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + pieceSize, bytes.count)
            var result = try transform.transform(ByteBuffer(bytes: bytes[offset..<end]))
            if result.readableBytes > 0 { output += result.readBytes(length: result.readableBytes)! }
            offset = end
        }
        var tail = try transform.finish()
        output += tail.readBytes(length: tail.readableBytes) ?? []
        return output
    }

    static func encrypt(_ plaintext: [UInt8], to recipients: [AgeRecipient], pieceSize: Int = 1 << 20) throws -> [UInt8] {
        var encryptor = try AgeEncryptor(recipients: recipients)
        return try run(&encryptor, plaintext, pieceSize: pieceSize)
    }

    static func decrypt(_ ciphertext: [UInt8], with identities: [AgeIdentity], pieceSize: Int = 1 << 20) throws -> [UInt8] {
        var decryptor = AgeDecryptor(identities: identities)
        return try run(&decryptor, ciphertext, pieceSize: pieceSize)
    }

    /// The AgeError code thrown by `body`, or nil when it does not throw an AgeError.
    static func ageErrorCode(_ body: () throws -> Void) -> AgeError.Code? {
        do {
            try body()
            return nil
        } catch let error as AgeError {
            return error.code
        } catch {
            return nil
        }
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        // Eight bytes per call to the system generator: one getrandom call per byte is slow.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count { withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 } }
        return Array(bytes.prefix(count))
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`.
    static func offset(of needle: String, in haystack: [UInt8]) -> Int? {
        let pattern = Array(needle.utf8)
        guard haystack.count >= pattern.count else { return nil }
        for start in 0...(haystack.count - pattern.count) where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start
        }
        return nil
    }

    /// The length of the header plus payload nonce of an age file.
    static func headerAndNonceLength(_ file: [UInt8]) -> Int {
        let mac = offset(of: "\n--- ", in: file)!
        let newline = file[(mac + 1)...].firstIndex(of: UInt8(ascii: "\n"))!
        return newline + 1 + 16
    }
}
