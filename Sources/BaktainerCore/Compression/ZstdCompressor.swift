import CZstd
import NIOCore

/// Streams bytes into a zstd frame with a content checksum, which `zstd -t` verifies and `zstd -d` reads.
///
/// Uses `ZSTD_compressStream2`; output comes out as input arrives, in pieces of at most
/// ``Compression/maximumPieceSize``, and libzstd holds back at most its window. Owns a `ZSTD_CCtx`, freed in
/// `deinit`; use it from one task at a time, for one stream.
package final class ZstdCompressor: ChunkedByteStreamTransform {
    private let context: OpaquePointer
    private var finished = false
    /// The output piece being filled, reused once its consumer has let go of the last one.
    private var scratch = ByteBuffer.compressionPiece()

    /// Creates a compressor at `level` (1 fastest … 19 smallest); throws `invalidLevel` outside 1…19.
    package init(level: Int = Compression.defaultZstdLevel) throws(CompressionError) {
        guard Compression.zstdLevels.contains(level) else {
            throw CompressionError(.invalidLevel, "zstd level \(level) is not supported: use 1 (fastest) to 19 (smallest)")
        }
        guard let context = ZSTD_createCCtx() else {
            throw CompressionError(.libraryFailure, "libzstd could not create a compression context: the system may be out of memory")
        }
        self.context = context
        for (parameter, value) in [(ZSTD_c_compressionLevel, Int32(level)), (ZSTD_c_checksumFlag, 1)] {
            let result = ZSTD_CCtx_setParameter(context, parameter, value)
            if ZSTD_isError(result) != 0 {
                throw CompressionError(.libraryFailure, "libzstd rejected a compression parameter: \(ZstdCompressor.errorName(result))")
            }
        }
    }

    deinit {
        ZSTD_freeCCtx(context)
    }

    package func transform(_ input: ByteBuffer, emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        guard input.readableBytes > 0 else { return }
        try input.withUnsafeReadableBytes { bytes in
            var source = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
            // ZSTD_e_continue consumes all input unless the output fills; pending output comes out on a later call.
            while source.pos < source.size {
                _ = try compress(&source, ZSTD_e_continue)
                if scratch.readableBytes > 0 { try emit(scratch) }
            }
        }
    }

    package func finish(emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        finished = true
        var source = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
        while true {
            let remaining = try compress(&source, ZSTD_e_end)
            if scratch.readableBytes > 0 { try emit(scratch) }
            if remaining == 0 { return }  // The frame, its epilogue and checksum are all flushed.
        }
    }

    /// One call of `ZSTD_compressStream2` into `scratch`, emptied first; returns how much is still to flush.
    private func compress(_ source: inout ZSTD_inBuffer, _ directive: ZSTD_EndDirective) throws(CompressionError) -> Int {
        scratch.clear()
        var result = 0
        let context = context
        scratch.writeWithUnsafeMutableBytes(minimumWritableBytes: Compression.maximumPieceSize) { space in
            var target = ZSTD_outBuffer(dst: space.baseAddress, size: Compression.maximumPieceSize, pos: 0)
            result = ZSTD_compressStream2(context, &target, &source, directive)
            return ZSTD_isError(result) != 0 ? 0 : target.pos
        }
        if ZSTD_isError(result) != 0 {
            throw CompressionError(.libraryFailure, "libzstd failed compressing: \(Self.errorName(result))")
        }
        return result
    }

    /// libzstd's description of error code `code`.
    static func errorName(_ code: Int) -> String {
        String(cString: ZSTD_getErrorName(code))
    }

    private static let usedAfterFinish = CompressionError(.libraryFailure, "the zstd stream was already finished: a compressor writes one stream")
}
