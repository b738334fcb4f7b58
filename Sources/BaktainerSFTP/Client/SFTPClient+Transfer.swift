import BaktainerCore
import NIOCore

extension SFTPClient {
    /// Bytes per write or read request: the size every SFTP server must take (draft, section 6.4).
    static let chunkSize = 32 * 1024
    /// Requests in flight at once: 2 MiB on the way, enough to fill a link without holding a dump in memory.
    static let window = 64

    /// Writes `stream` into the open file `handle` from offset 0, `window` requests in flight; returns the bytes
    /// written. The stream is pulled only as fast as the server confirms writes.
    package func write(_ stream: ByteStream, to handle: ByteBuffer, path: String) async throws -> Int {
        var inFlight: [EventLoopFuture<ByteBuffer>] = []
        inFlight.reserveCapacity(Self.window)
        var first = 0
        var offset = 0
        do {
            for try await var buffer in stream {
                while buffer.readableBytes > 0 {
                    let chunk = buffer.readSlice(length: min(Self.chunkSize, buffer.readableBytes))!
                    if inFlight.count - first >= Self.window {
                        try SFTPReply(try await inFlight[first].get()).expectOK("write \(path)")
                        first += 1
                        if first == Self.window {
                            inFlight.removeFirst(first)
                            first = 0
                        }
                    }
                    inFlight.append(writeFuture(handle, offset: UInt64(offset), data: chunk))
                    offset += chunk.readableBytes
                }
            }
            for future in inFlight[first...] { try SFTPReply(try await future.get()).expectOK("write \(path)") }
        } catch {
            // Let the requests still on the way finish before the caller closes or deletes the file.
            for future in inFlight[first...] { _ = try? await future.get() }
            throw error
        }
        return offset
    }

    /// Writes `bytes` to `path` (created or truncated, mode 0600) and flushes it.
    package func writeFile(_ bytes: [UInt8], to path: String) async throws {
        let handle = try await open(path, [.write, .create, .truncate], permissions: 0o600)
        do {
            var data: ByteBuffer? = ByteBuffer(bytes: bytes)
            let stream = ByteStream(next: {
                defer { data = nil }
                return data
            })
            _ = try await write(stream, to: handle, path: path)
            try await sync(handle, path: path)
            try await close(handle)
        } catch {
            try? await close(handle)
            throw error
        }
    }

    /// The whole of the small file `path` (at most `limit` bytes); nil when it does not exist.
    package func readFile(_ path: String, limit: Int = 1 << 20) async throws -> [UInt8]? {
        let stream: ByteStream
        do {
            stream = try await download(path)
        } catch let error as SFTPError where error.code == .noSuchFile {
            return nil
        }
        var bytes: [UInt8] = []
        for try await buffer in stream {
            bytes += buffer.readableBytesView
            guard bytes.count <= limit else { throw SFTPError(.failure, "cannot read \(path): larger than \(limit) bytes, not a sidecar") }
        }
        return bytes
    }

    /// Streams the file `path`, `window` reads in flight; the stream closes the file at its end. Throws when the file
    /// ends before the size it had when opened.
    package func download(_ path: String) async throws -> ByteStream {
        let handle = try await open(path, [.read])
        let size: UInt64
        do {
            guard let known = try await stat(handle).size else { throw SFTPError(.unsupported, "cannot read \(path): the server does not tell its size") }
            size = known
        } catch {
            try? await close(handle)
            throw error
        }
        let reader = SFTPFileReader(client: self, handle: handle, path: path, size: size)
        return ByteStream(next: { try await reader.next() })
    }
}
