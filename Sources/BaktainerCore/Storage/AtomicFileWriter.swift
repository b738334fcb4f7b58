#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// Writes one file so that it either appears whole or not at all, and never in place of another file.
///
/// Bytes go to `<path>.partial` (created exclusively, mode 0600) in the destination directory. The writer holds an
/// exclusive `flock` on the partial file from creation until it is published or discarded, so that
/// ``removeStalePartialFile(at:)`` takes only the partial files of dead runs, never one a live process writes.
/// ``commit()`` fsyncs the file, publishes it under its final name and fsyncs the directory, so a crash leaves
/// either nothing or the complete file. Publishing is `link(2)` then `unlink(2)` of the partial name: `link`
/// fails when the final name exists, so a file is never replaced (where the file system has no hard links, the
/// final name is checked and the file renamed). Every 8 MiB written it asks the kernel to start writing them back
/// and to drop them from the page cache once clean (`posix_fadvise(DONTNEED)`): the final fsync then has little
/// left to do, and a backup does not push the database's own pages out of the host's cache. ``discard()`` removes
/// the partial file. Blocking system calls run on NIO's thread pool, never on the caller's executor. Used by one
/// task at a time.
package final class AtomicFileWriter {
    /// Where the file will appear on commit.
    package let path: String
    /// The temporary name written to until commit.
    package let partialPath: String
    private var descriptor: Int32
    private let threadPool: NIOThreadPool
    private var isClosed = false
    private var isFlushed = false
    /// Bytes written so far, and how many of them have been handed to writeback.
    private var written: Int64 = 0
    private var advised: Int64 = 0
    /// How much is written between two writeback hints.
    private static let writebackStep: Int64 = 8 << 20
    /// The size of one write system call.
    private static let batchSize = 512 << 10
    /// Bytes gathered for the next write, the batch being written, and a written batch's storage for reuse.
    private var filling = ByteBuffer()
    private var inFlight: EventLoopFuture<ByteBuffer>?
    private var spare: ByteBuffer?

    /// Creates and locks the partial file; its directory must exist. Throws a ``StorageError`` when the partial
    /// file exists already (another writer, or a run that died) or the file itself does.
    package convenience init(path: String, threadPool: NIOThreadPool = .singleton) async throws {
        guard let descriptor = try await threadPool.runIfActive({ try AtomicFileWriter.claim(path) }) else {
            throw StorageError(.ioError, "cannot create \(path).partial: \(path) or its partial file exists already; a file is never replaced")
        }
        self.init(path: path, descriptor: descriptor, threadPool: threadPool)
    }

    private init(path: String, descriptor: Int32, threadPool: NIOThreadPool) {
        self.path = path
        self.partialPath = path + ".partial"
        self.descriptor = descriptor
        self.threadPool = threadPool
    }

    /// A writer for `path` when neither `path` nor `<path>.partial` exists; nil when one does (the name is
    /// taken: pick another). Throws a ``StorageError`` when the directory refuses the file.
    package static func claim(path: String, threadPool: NIOThreadPool = .singleton) async throws -> AtomicFileWriter? {
        guard let descriptor = try await threadPool.runIfActive({ try Self.claim(path) }) else { return nil }
        return AtomicFileWriter(path: path, descriptor: descriptor, threadPool: threadPool)
    }

    /// Creates `<path>.partial` exclusively and locks it; nil when it or `path` exists. The final name is checked
    /// after the partial file is held: a writer publishes (links) before it unlinks its partial file, so a name
    /// free at that moment stays free for this writer.
    private static func claim(_ path: String) throws -> Int32? {
        let partialPath = path + ".partial"
        // A sweeper may remove a partial file in the instant between its creation and its lock: then create it again.
        for _ in 0..<3 {
            let descriptor = open(partialPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                if errno == EEXIST { return nil }
                throw StorageError.posix(errno, "create", path: partialPath)
            }
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let error = StorageError.posix(errno, "lock", path: partialPath)
                    unlink(partialPath)
                    close(descriptor)
                    throw error
                }
            }
            var held = stat()
            var named = stat()
            guard fstat(descriptor, &held) == 0, lstat(partialPath, &named) == 0, held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
                close(descriptor)
                continue
            }
            if lstat(path, &named) == 0 || errno != ENOENT {
                unlink(partialPath)
                close(descriptor)
                return nil
            }
            return descriptor
        }
        throw StorageError(.ioError, "cannot create \(partialPath): it was removed again and again while being created")
    }

    /// Appends `buffer`. Bytes are gathered into 512 KiB batches, each written by one system call on the thread
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
        // The loop the caller runs on, when it runs on one (an exec's output consumed on its connection's loop):
        // then the written batch comes back without a thread hand-off.
        inFlight = threadPool.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.any()) {
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

    /// Makes the file durable and visible under its final name; throws when that name exists.
    package func commit() async throws {
        try await flush()
        let (path, partialPath) = (self.path, self.partialPath)
        try await threadPool.runIfActive {
            try Self.publish(partialPath, as: path)
            try Self.synchronizeDirectory(of: path)
        }
        close(descriptor)
        isClosed = true
    }

    /// Makes the partial file durable, without publishing it: the first half of a commit that publishes several
    /// files together (``publish()``). The file stays open and locked until it is published or discarded.
    package func flush() async throws {
        guard !isClosed, !isFlushed else { return }
        try await drain()
        let descriptor = self.descriptor
        let partialPath = self.partialPath
        try await threadPool.runIfActive {
            guard fsync(descriptor) == 0 else { throw StorageError.posix(errno, "flush", path: partialPath) }
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_DONTNEED)  // all clean now: leave the cache to others
        }
        isFlushed = true
    }

    /// Gives the flushed partial file its final name and closes it (the directory is not synced: the caller does
    /// it once). Throws, leaving the partial file in place for ``discard()``, when the final name exists.
    package func publish() throws {
        guard !isClosed else { throw StorageError(.ioError, "cannot publish \(path): its writer was closed") }
        try Self.publish(partialPath, as: path)
        close(descriptor)
        isClosed = true
    }

    /// Links `partialPath` as `path`, then unlinks `partialPath`; throws when `path` exists.
    private static func publish(_ partialPath: String, as path: String) throws {
        let taken = StorageError(.ioError, "cannot publish \(path): a file of that name exists already, and a backup file is never replaced")
        guard link(partialPath, path) != 0 else {
            unlink(partialPath)
            return
        }
        switch errno {
        case EEXIST:
            throw taken
        case EPERM, EOPNOTSUPP, EMLINK, ENOSYS:
            // No hard links here (FAT, some network file systems): check the name, then rename.
            var existing = stat()
            guard lstat(path, &existing) != 0, errno == ENOENT else { throw taken }
            guard rename(partialPath, path) == 0 else { throw StorageError.posix(errno, "rename", path: path) }
        case let error:
            throw StorageError.posix(error, "publish", path: path)
        }
    }

    /// Removes the partial file, then closes it (on failure or cancellation). Never throws.
    ///
    /// Runs the two system calls directly rather than on the thread pool: the pool's async entry point
    /// refuses work from a cancelled task, and a cancelled backup is exactly when the file must go.
    package func discard() async {
        _ = try? await inFlight?.get()  // never close the descriptor under a write
        inFlight = nil
        guard !isClosed else { return }
        unlink(partialPath)
        close(descriptor)
        isClosed = true
    }

    /// Removes the partial file at `partialPath` when no live writer holds it (a run that died left it); false when
    /// a writer holds it, or it is gone already. A symbolic link or anything but a regular file is left alone.
    package static func removeStalePartialFile(at partialPath: String) -> Bool {
        let descriptor = open(partialPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var held = stat()
        guard fstat(descriptor, &held) == 0, held.st_mode & 0o170000 == 0o100000, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        // Still the same file under that name (not published or replaced since it was opened)?
        var named = stat()
        guard lstat(partialPath, &named) == 0, named.st_ino == held.st_ino, named.st_dev == held.st_dev else { return false }
        return unlink(partialPath) == 0
    }

    /// Whether a live writer holds the partial file at `partialPath` (false when it is stale or missing).
    package static func isHeld(_ partialPath: String) -> Bool {
        let descriptor = open(partialPath, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_SH | LOCK_NB) != 0 && errno == EAGAIN
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
