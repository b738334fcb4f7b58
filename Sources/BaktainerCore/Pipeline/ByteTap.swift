import Crypto
import NIOCore

/// Watches bytes as they pass, without copying them: the first few, the last 4 KiB, how many, and (when asked)
/// their SHA-256. The backup run taps the dump (head and tail for the engine's completeness check) and the
/// stored bytes (the checksum); the verifier taps the same two streams when it reads a backup back.
///
/// The tail is not copied as bytes pass: the tap keeps references to the last few buffers (ByteBuffer shares
/// its storage) and copies their bytes only when ``tail`` is read, once, at the end.
package struct ByteTap {
    /// The first bytes seen (at most `headLength`).
    package private(set) var head: [UInt8] = []
    /// How many bytes passed.
    package private(set) var count = 0
    private let headLength: Int
    private var hasher: SHA256?
    /// The newest buffers seen, oldest first; together at least `tailLength` bytes when that many passed.
    private var recent: [ByteBuffer] = []
    private var recentBytes = 0
    private static let tailLength = 4096

    /// The last bytes seen: the last 4096, or all of them when fewer passed.
    package var tail: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(recentBytes)
        for buffer in recent { bytes.append(contentsOf: buffer.readableBytesView) }
        return Array(bytes.suffix(Self.tailLength))
    }

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
        recent.append(buffer)
        recentBytes += bytes.count
        while recentBytes - recent[0].readableBytes >= Self.tailLength {
            recentBytes -= recent.removeFirst().readableBytes
        }
        if hasher != nil { buffer.withUnsafeReadableBytes { hasher!.update(bufferPointer: $0) } }
    }

    /// The SHA-256 of everything observed, lowercase hex; nil when not hashing. Ends the hashing.
    package mutating func finalizeDigest() -> String? {
        guard let hasher else { return nil }
        self.hasher = nil
        return hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
