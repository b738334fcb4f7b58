#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// Reads one file front to back in bounded chunks (1 MiB by default: one thread-pool hop per MiB, not one per
/// 64 KiB), so a file of any size is read with flat memory. Blocking system calls run on NIO's thread pool, never
/// on the caller's executor (as ``AtomicFileWriter`` does for writes). Used by one task at a time; closes the file at the end, on
/// ``close()`` or when released.
package final class StreamingFileReader {
    /// The file being read.
    package let path: String
    /// The size of each read.
    package let chunkSize: Int
    /// Bytes handed out so far.
    package private(set) var bytesRead = 0
    private var descriptor: Int32
    private let threadPool: NIOThreadPool
    /// Where the next read starts, and how many bytes are still to be handed out (nil: up to the end of the file).
    private var offset: Int
    private var remaining: Int?

    /// Opens `path` for reading, the whole file or only `range` (byte offsets) of it; throws a ``StorageError``
    /// naming the file when it cannot be opened.
    package init(path: String, range: Range<Int>? = nil, chunkSize: Int = 1 << 20, threadPool: NIOThreadPool = .singleton) async throws {
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.path = path
        self.chunkSize = chunkSize
        self.threadPool = threadPool
        self.offset = range?.lowerBound ?? 0
        self.remaining = range?.count
        descriptor = try await threadPool.runIfActive {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw StorageError.posix(errno, "open", path: path) }
            return descriptor
        }
    }

    /// The next chunk (at most ``chunkSize`` bytes), or nil at the end of the file.
    package func next() async throws -> ByteBuffer? {
        guard descriptor >= 0, remaining ?? 1 > 0 else {
            close()
            return nil
        }
        let (descriptor, path, offset) = (self.descriptor, self.path, self.offset)
        let chunkSize = min(self.chunkSize, remaining ?? .max)
        let buffer: ByteBuffer = try await threadPool.runIfActive {
            var buffer = ByteBufferAllocator().buffer(capacity: chunkSize)
            try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: chunkSize) { bytes in
                while true {
                    let count = pread(descriptor, bytes.baseAddress!, chunkSize, off_t(offset))
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw StorageError.posix(errno, "read", path: path)
                    }
                    return count
                }
            }
            return buffer
        }
        guard buffer.readableBytes > 0 else {
            close()
            return nil
        }
        bytesRead += buffer.readableBytes
        self.offset += buffer.readableBytes
        remaining? -= buffer.readableBytes
        return buffer
    }

    /// Closes the file; further reads return nil. Never throws.
    package func close() {
        if descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }
}
