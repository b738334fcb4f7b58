import NIOCore

/// Reads one open file in order with several read requests in flight, re-asking for the rest of a short read.
/// Used by one task at a time (a ``BaktainerCore/ByteStream``'s consumer).
final class SFTPFileReader: @unchecked Sendable {
    private let client: SFTPClient
    private let handle: ByteBuffer
    private let path: String
    private let size: UInt64
    private var requested: UInt64 = 0
    private var inFlight: [(offset: UInt64, length: UInt32, reply: EventLoopFuture<ByteBuffer>)] = []
    private var finished = false

    init(client: SFTPClient, handle: ByteBuffer, path: String, size: UInt64) {
        self.client = client
        self.handle = handle
        self.path = path
        self.size = size
    }

    /// The next bytes of the file; nil at its end, where the file is closed.
    func next() async throws -> ByteBuffer? {
        guard !finished else { return nil }
        do {
            while inFlight.count < SFTPClient.window && requested < size {
                let length = UInt32(min(UInt64(SFTPClient.chunkSize), size - requested))
                inFlight.append((requested, length, client.readFuture(handle, offset: requested, length: length)))
                requested += UInt64(length)
            }
            guard !inFlight.isEmpty else {
                finished = true
                try await client.close(handle)
                return nil
            }
            let (offset, length, reply) = inFlight.removeFirst()
            guard let data = try SFTPReply(try await reply.get()).data("read \(path)"), data.readableBytes > 0 else {
                throw SFTPError(.endOfFile, "cannot read \(path): it ends at \(offset) bytes, it had \(size) when opened (changed on the server?)")
            }
            if data.readableBytes < length {
                // A short read: ask for the rest before anything later is handed out.
                let rest = offset + UInt64(data.readableBytes)
                let missing = length - UInt32(data.readableBytes)
                inFlight.insert((rest, missing, client.readFuture(handle, offset: rest, length: missing)), at: 0)
            }
            return data
        } catch {
            finished = true
            for entry in inFlight { _ = try? await entry.reply.get() }
            inFlight = []
            try? await client.close(handle)
            throw error
        }
    }
}
