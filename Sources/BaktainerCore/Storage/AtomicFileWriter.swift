#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// Writes one file so that it either appears whole or not at all.
///
/// Bytes go to `<path>.partial` (created exclusively, mode 0600) in the destination directory; ``commit()``
/// fsyncs the file, renames it into place and fsyncs the directory, so a crash leaves either nothing or the
/// complete file. Every 8 MiB written it asks the kernel to start writing them back and to drop them from the
/// page cache once clean (`posix_fadvise(DONTNEED)`): the final fsync then has little left to do, and a backup
/// does not push the database's own pages out of the host's cache. ``discard()`` removes the partial file. Blocking system calls run on NIO's thread pool,
/// never on the caller's executor. Used by one task at a time.
package final class AtomicFileWriter {
    /// Where the file will appear on commit.
    package let path: String
    /// The temporary name written to until commit.
    package let partialPath: String
    private var descriptor: Int32
    private let threadPool: NIOThreadPool
    private var isClosed = false
    /// Bytes written so far, and how many of them have been handed to writeback.
    private var written: Int64 = 0
    private var advised: Int64 = 0
    /// How much is written between two writeback hints.
    private static let writebackStep: Int64 = 8 << 20
    /// The size of one write system call.
    private static let batchSize = 1 << 20
    /// Bytes gathered for the next write, the batch being written, and a written batch's storage for reuse.
    private var filling = ByteBuffer()
    private var inFlight: EventLoopFuture<ByteBuffer>?
    private var spare: ByteBuffer?
    private let eventLoop: any EventLoop = MultiThreadedEventLoopGroup.singleton.any()

    /// Creates the partial file; its directory must exist.
    package init(path: String, threadPool: NIOThreadPool = .singleton) async throws {
        self.path = path
        self.partialPath = path + ".partial"
        self.threadPool = threadPool
        let partialPath = self.partialPath
        descriptor = try await threadPool.runIfActive {
            let descriptor = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw StorageError.posix(errno, "create", path: partialPath) }
            return descriptor
        }
    }

    /// Appends `buffer`. Bytes are gathered into 1 MiB batches, each written by one system call on the thread
    /// pool while the next batch fills; with one batch in flight at most, a slow disk slows the producer instead of
    /// filling memory (two batches, whatever the file size).
    package func write(_ buffer: ByteBuffer) async throws {
        guard buffer.readableBytes > 0 else { return }
        if filling.capacity < Self.batchSize { filling.reserveCapacity(Self.batchSize) }
        if filling.readableBytes + buffer.readableBytes > Self.batchSize {
            try await submit()
        }
        if buffer.readableBytes >= Self.batchSize {
            filling = buffer  // as large as a batch already: written as it is, not copied
            try await submit()
        } else {
            filling.writeImmutableBuffer(buffer)
        }
    }

    /// Hands the filling batch to the thread pool once the batch in flight is written; the written batch's
    /// storage is kept for the next one.
    private func submit() async throws {
        if var written = try await inFlight?.get() {
            written.clear()
            if written.capacity >= Self.batchSize { spare = written }
        }
        inFlight = nil
        guard filling.readableBytes > 0 else { return }
        let batch = filling
        filling = spare ?? ByteBuffer()
        spare = nil
        let (descriptor, path, advised) = (self.descriptor, self.path, self.advised)
        let end = written + Int64(batch.readableBytes)
        let hint = end - advised >= Self.writebackStep
        written = end
        if hint { self.advised = end }
        inFlight = threadPool.runIfActive(eventLoop: eventLoop) {
            try batch.withUnsafeReadableBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw StorageError.posix(errno, "write", path: path)
                    }
                    offset += written
                }
            }
            if hint { _ = posix_fadvise(descriptor, off_t(advised), off_t(end - advised), POSIX_FADV_DONTNEED) }
            return batch
        }
    }

    /// Writes what is gathered and waits until the kernel has it all.
    private func drain() async throws {
        try await submit()
        try await submit()
    }

    /// Makes the file durable and visible under its final name.
    package func commit() async throws {
        try await flush()
        let (path, partialPath) = (self.path, self.partialPath)
        try await threadPool.runIfActive {
            guard rename(partialPath, path) == 0 else { throw StorageError.posix(errno, "rename", path: path) }
            try Self.synchronizeDirectory(of: path)
        }
    }

    /// Makes the partial file durable and closes it, without renaming it: the first half of a commit that
    /// publishes several files together (``publish()``).
    package func flush() async throws {
        guard !isClosed else { return }
        try await drain()
        let descriptor = self.descriptor
        let partialPath = self.partialPath
        isClosed = true
        try await threadPool.runIfActive {
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw StorageError.posix(errno, "flush", path: partialPath) }
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)  // all clean now: leave the cache to others
        }
    }

    /// Renames the flushed partial file into place (the directory is not synced: the caller does it once).
    package func publish() throws {
        guard rename(partialPath, path) == 0 else { throw StorageError.posix(errno, "rename", path: path) }
    }

    /// Closes and removes the partial file (on failure or cancellation). Never throws.
    ///
    /// Runs the two system calls directly rather than on the thread pool: the pool's async entry point
    /// refuses work from a cancelled task, and a cancelled backup is exactly when the file must go.
    package func discard() async {
        _ = try? await inFlight?.get()  // never close the descriptor under a write
        inFlight = nil
        if !isClosed { close(descriptor) }
        isClosed = true
        unlink(partialPath)
    }

    /// fsyncs the directory holding `path`, so a rename survives a crash.
    package static func synchronizeDirectory(of path: String) throws {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let descriptor = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError.posix(errno, "open directory", path: directory) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StorageError.posix(errno, "flush directory", path: directory) }
    }

    deinit {
        if !isClosed { close(descriptor) }
    }
}
