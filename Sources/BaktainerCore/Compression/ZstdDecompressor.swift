import CZstd
import NIOCore

/// Streams zstd frames back into the bytes they hold, checking each frame's content checksum when it has one.
///
/// Uses `ZSTD_decompressStream` and reads files of several frames (as `cat a.zst b.zst` makes). Output comes out in
/// pieces of at most ``Compression/maximumPieceSize``. The window is capped at libzstd's default of 128 MiB, so a
/// hostile frame header cannot claim more memory. Owns a `ZSTD_DCtx`, freed in `deinit`; use it from one task at a
/// time, for one stream.
package final class ZstdDecompressor: ChunkedByteStreamTransform {
    private let context: OpaquePointer
    /// Whether the last frame read so far is complete and fully flushed.
    private var atFrameEnd = false
    /// Whether any input arrived at all: an empty file is not a zstd file.
    private var sawInput = false
    private var finished = false
    /// The output piece being filled, reused once its consumer has let go of the last one.
    private var scratch = ByteBuffer.compressionPiece()

    /// Creates a decompressor.
    package init() throws(CompressionError) {
        guard let context = ZSTD_createDCtx() else {
            throw CompressionError(.libraryFailure, "libzstd could not create a decompression context: the system may be out of memory")
        }
        self.context = context
    }

    deinit {
        ZSTD_freeDCtx(context)
    }

    package func transform(_ input: ByteBuffer, emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        guard input.readableBytes > 0 else { return }
        sawInput = true
        try input.withUnsafeReadableBytes { bytes in
            var source = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
            var outputWasFull = true
            // A full output piece may leave decoded bytes inside libzstd: call again until a piece has room left.
            while source.pos < source.size || outputWasFull {
                scratch.clear()
                let consumedBefore = source.pos
                var result = 0
                scratch.writeWithUnsafeMutableBytes(minimumWritableBytes: Compression.maximumPieceSize) { space in
                    var target = ZSTD_outBuffer(dst: space.baseAddress, size: Compression.maximumPieceSize, pos: 0)
                    result = ZSTD_decompressStream(context, &target, &source)
                    return ZSTD_isError(result) != 0 ? 0 : target.pos
                }
                if ZSTD_isError(result) != 0 { throw Self.readError(result) }
                // 0: a frame is complete and flushed. A later call that reads nothing (after a full piece) starts
                // no new frame, though libzstd then answers with the size of a next frame's header.
                if result == 0 {
                    atFrameEnd = true
                } else if source.pos > consumedBefore {
                    atFrameEnd = false
                }
                outputWasFull = scratch.readableBytes == Compression.maximumPieceSize
                if scratch.readableBytes > 0 { try emit(scratch) }
            }
        }
    }

    package func finish(emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        finished = true
        guard sawInput else {
            throw CompressionError(.truncated, "the zstd stream is empty: the file holds no data; it was cut short or never written")
        }
        guard atFrameEnd else {
            throw CompressionError(.truncated, "the zstd stream ends inside a frame: the file is truncated; use another backup")
        }
    }

    /// The error for libzstd's error code `code` while reading.
    private static func readError(_ code: Int) -> CompressionError {
        let name = ZstdCompressor.errorName(code)
        if name.lowercased().contains("checksum") {
            return CompressionError(.checksumMismatch, "the zstd data fails its content checksum (\(name)): the file is damaged; use another backup")
        }
        return CompressionError(.corrupt, "the zstd data is corrupt (\(name)): the file is damaged or not zstd; use another backup")
    }

    private static let usedAfterFinish = CompressionError(.libraryFailure, "the zstd stream was already finished: a decompressor reads one stream")
}
