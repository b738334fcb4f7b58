import AsyncHTTPClient
import BaktainerCore
import Crypto
import NIOCore
import Synchronization

/// The bytes of one upload (a whole file or one part), read from the local backup as the HTTP client pulls them,
/// with the MD5 of what was sent: S3 answers a plain upload or part with that MD5 as its ETag, so a mismatch
/// shows bytes changed on the way.
final class PartBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    private let read: @Sendable (Range<Int>) async throws -> ByteStream
    /// The bytes of the backup this body sends.
    let range: Range<Int>
    private let state = Mutex<(digest: Insecure.MD5, sent: Int)>((Insecure.MD5(), 0))

    init(range: Range<Int>, read: @escaping @Sendable (Range<Int>) async throws -> ByteStream) {
        self.range = range
        self.read = read
    }

    /// The request body: exactly ``range``'s length.
    var requestBody: HTTPClientRequest.Body { .stream(self, length: .known(Int64(range.count))) }

    /// The MD5 of the bytes sent so far, raw.
    var digest: [UInt8] { state.withLock { Array($0.digest.finalize()) } }

    /// How many bytes were sent.
    var sent: Int { state.withLock { $0.sent } }

    func makeAsyncIterator() -> Iterator { Iterator(body: self) }

    /// Reads the range on first use and hashes each buffer as it passes.
    struct Iterator: AsyncIteratorProtocol {
        let body: PartBody
        var source: ByteStream.Iterator?

        mutating func next() async throws -> ByteBuffer? {
            if source == nil { source = try await body.read(body.range).makeAsyncIterator() }
            guard let buffer = try await source?.next() else { return nil }
            body.state.withLock { state in
                buffer.withUnsafeReadableBytes { state.digest.update(bufferPointer: $0) }
                state.sent += buffer.readableBytes
            }
            return buffer
        }
    }
}
