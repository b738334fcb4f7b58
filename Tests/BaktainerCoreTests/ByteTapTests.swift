import BaktainerCore
import Crypto
import NIOCore
import Testing

@Suite struct ByteTapTests {
    /// `total` bytes 0, 1, 2, … (mod 251) cut into pieces of `sizes` (cycled).
    private func pieces(total: Int, sizes: [Int]) -> [ByteBuffer] {
        var result: [ByteBuffer] = []
        var offset = 0
        var index = 0
        while offset < total {
            let size = min(sizes[index % sizes.count], total - offset)
            result.append(ByteBuffer(bytes: (offset..<(offset + size)).map { UInt8($0 % 251) }))
            offset += size
            index += 1
        }
        return result
    }

    @Test(arguments: [
        (10, [3]), (4096, [4096]), (5000, [1]), (100_000, [7, 4095, 65_536, 1]), (70_000, [70_000]), (9000, [4096, 4097]),
    ])
    func headTailCountAndDigestMatchTheWholeStream(total: Int, sizes: [Int]) {
        let all = (0..<total).map { UInt8($0 % 251) }
        var tap = ByteTap(headLength: 16, hashing: true)
        for piece in pieces(total: total, sizes: sizes) { tap.observe(piece) }
        tap.observe(ByteBuffer())
        #expect(tap.count == total)
        #expect(tap.head == Array(all.prefix(16)))
        #expect(tap.tail == Array(all.suffix(4096)))
        let expected = SHA256.hash(data: all).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(tap.finalizeDigest() == expected)
    }

    @Test func aTapThatSawNothingHasNothing() {
        var tap = ByteTap()
        #expect(tap.count == 0 && tap.head.isEmpty && tap.tail.isEmpty)
        #expect(tap.finalizeDigest() == nil)
    }
}
