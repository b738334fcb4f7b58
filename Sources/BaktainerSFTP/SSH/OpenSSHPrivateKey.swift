import Crypto
import NIOCore
import NIOSSH

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads a private key file in OpenSSH's format (`-----BEGIN OPENSSH PRIVATE KEY-----`, what `ssh-keygen` writes):
/// Ed25519 and ECDSA (P-256, P-384, P-521) keys without a passphrase, the kinds the SSH library signs with.
package enum OpenSSHPrivateKey {
    /// A key file Baktainer cannot use, with what to do.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong and how to fix it.
        package var message: String
        package var description: String { message }
        init(_ message: String) { self.message = message }
    }

    private static let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    private static let end = "-----END OPENSSH PRIVATE KEY-----"
    private static let magic = Array("openssh-key-v1\0".utf8)

    /// Parses the text of a key file.
    package static func parse(_ text: String) throws(Failure) -> NIOSSHPrivateKey {
        guard let start = text.range(of: begin), let stop = text.range(of: end), start.upperBound <= stop.lowerBound else {
            if text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY") {
                throw Failure(
                    "is a PEM key: write it in OpenSSH's format (ssh-keygen -p -N '' -f FILE converts it) or make an Ed25519 key (ssh-keygen -t ed25519)")
            }
            throw Failure("is not an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----): make one with ssh-keygen -t ed25519")
        }
        let base64 = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        guard let decoded = Data(base64Encoded: String(base64)) else { throw Failure("holds malformed base64 between its BEGIN and END lines") }
        var buffer = ByteBuffer(bytes: decoded)
        guard buffer.readBytes(length: magic.count) == magic else { throw Failure("is not an openssh-key-v1 key") }
        guard let cipher = buffer.readSFTPString(), buffer.readSFTPString() != nil, buffer.readSFTPBytes() != nil,
            let count = buffer.readInteger(as: UInt32.self)
        else { throw Failure("is truncated") }
        guard cipher == "none" else {
            throw Failure(
                "is protected by a passphrase: Baktainer cannot type it; remove it on a copy (ssh-keygen -p -N '' -f FILE) and keep that file readable only by Baktainer"
            )
        }
        guard count == 1, buffer.readSFTPBytes() != nil, var secret = buffer.readSFTPBytes() else { throw Failure("must hold exactly one key") }
        guard let check1 = secret.readInteger(as: UInt32.self), let check2 = secret.readInteger(as: UInt32.self), check1 == check2,
            let type = secret.readSFTPString()
        else { throw Failure("is damaged (its check numbers differ)") }
        switch type {
        case "ssh-ed25519":
            guard secret.readSFTPBytes() != nil, let pair = secret.readSFTPBytes(), pair.readableBytes == 64,
                let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: pair.getBytes(at: pair.readerIndex, length: 32)!)
            else { throw Failure("holds a malformed Ed25519 key") }
            return NIOSSHPrivateKey(ed25519Key: key)
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            guard secret.readSFTPString() != nil, secret.readSFTPBytes() != nil, let scalar = secret.readSFTPBytes() else {
                throw Failure("holds a malformed ECDSA key")
            }
            // An mpint: big-endian, a leading zero byte when the top bit is set; the raw key is fixed-width.
            let bytes = Array(scalar.readableBytesView.drop { $0 == 0 })
            do {
                switch type {
                case "ecdsa-sha2-nistp256": return NIOSSHPrivateKey(p256Key: try P256.Signing.PrivateKey(rawRepresentation: padded(bytes, to: 32)))
                case "ecdsa-sha2-nistp384": return NIOSSHPrivateKey(p384Key: try P384.Signing.PrivateKey(rawRepresentation: padded(bytes, to: 48)))
                default: return NIOSSHPrivateKey(p521Key: try P521.Signing.PrivateKey(rawRepresentation: padded(bytes, to: 66)))
                }
            } catch {
                throw Failure("holds a malformed ECDSA key")
            }
        case "ssh-rsa":
            throw Failure("is an RSA key, which the SSH library cannot sign with: make an Ed25519 key (ssh-keygen -t ed25519) and authorize it on the server")
        default:
            throw Failure("holds a \(type) key: use an Ed25519 or ECDSA key (ssh-keygen -t ed25519)")
        }
    }

    private static func padded(_ bytes: [UInt8], to width: Int) -> [UInt8] {
        bytes.count >= width ? bytes : [UInt8](repeating: 0, count: width - bytes.count) + bytes
    }
}
