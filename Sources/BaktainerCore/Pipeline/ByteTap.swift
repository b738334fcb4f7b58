import Crypto
import NIOCore

/// Watches bytes as they pass, without holding them: the first few, the last 4 KiB, how many, and (when asked)
/// their SHA-256. The backup run taps the dump (head and tail for the engine's completeness check) and the
/// stored bytes (the checksum); the verifier taps the same two streams when it reads a backup back.
package struct ByteTap {
    /// The first bytes seen (at most `headLength`).
    package private(set) var head: [UInt8] = []
    /// The last bytes seen (at least the last 4096 when that many passed).
    package private(set) var tail: [UInt8] = []
    /// How many bytes passed.
    package private(set) var count = 0
    private let headLength: Int
    private var hasher: SHA256?

    /// A tap keeping `headLength` leading bytes, hashing when `hashing`.
    package init(headLength: Int = 16, hashing: Bool = false) {
        self.headLength = headLength
        self.hasher = hashing ? SHA256() : nil
    }

    /// Takes note of `buffer`.
    package mutating func observe(_ buffer: ByteBuffer) {
        let bytes = buffer.readableBytesView
        guard !bytes.isEmpty else { return }
        count += bytes.count
        if head.count < headLength { head.append(contentsOf: bytes.prefix(headLength - head.count)) }
        tail.append(contentsOf: bytes.suffix(4096))
        if tail.count > 8192 { tail.removeFirst(tail.count - 4096) }
        if hasher != nil { buffer.withUnsafeReadableBytes { hasher!.update(bufferPointer: $0) } }
    }

    /// The SHA-256 of everything observed, lowercase hex; nil when not hashing. Ends the hashing.
    package mutating func finalizeDigest() -> String? {
        guard let hasher else { return nil }
        self.hasher = nil
        return hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
