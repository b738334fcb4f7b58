import CompressNIO
import NIOCore

/// Streams bytes into a gzip file (RFC 1952: header, deflate data, CRC-32 and size trailer) that `gunzip` reads.
///
/// Output comes out as input arrives, in pieces of at most ``Compression/maximumPieceSize``; zlib holds back at
/// most its window. Owns a zlib stream, so it is a class; use it from one task at a time, for one stream.
package final class GzipCompressor: ChunkedByteStreamTransform {
    private let deflater: ZlibCompressor
    private var finished = false
    /// The output piece being filled, reused once its consumer has let go of the last one.
    private var scratch = ByteBuffer.compressionPiece()

    /// Creates a compressor at `level` (1 fastest … 9 smallest); throws `invalidLevel` outside 1…9.
    package init(level: Int = Compression.defaultGzipLevel) throws(CompressionError) {
        guard Compression.gzipLevels.contains(level) else {
            throw CompressionError(.invalidLevel, "gzip level \(level) is not supported: use 1 (fastest) to 9 (smallest)")
        }
        do {
            deflater = try ZlibCompressor(algorithm: .gzip, configuration: ZlibConfiguration(compressionLevel: Int32(level)))
        } catch {
            throw CompressionError(.libraryFailure, "zlib could not start a gzip stream (\(error)): the system may be out of memory")
        }
    }

    package func transform(_ input: ByteBuffer, emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        var input = input
        while input.readableBytes > 0 {
            scratch.clear()
            do {
                try deflater.deflate(from: &input, to: &scratch, flush: .no)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                // Z_BUF_ERROR: no progress possible, which cannot happen with input left and room for output.
                throw CompressionError(.libraryFailure, "zlib made no progress compressing gzip data: this is a bug, please report it")
            } catch {
                throw CompressionError(.libraryFailure, "zlib failed compressing gzip data (\(error))")
            }
            if scratch.readableBytes > 0 { try emit(scratch) }
        }
    }

    package func finish(emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        finished = true
        var empty = ByteBuffer()
        while true {
            scratch.clear()
            var done = false
            do {
                try deflater.deflate(from: &empty, to: &scratch, flush: .finish)
                done = true  // Z_STREAM_END: the trailer is written.
            } catch let error as CompressNIOError where error == .bufferOverflow {
                // Z_OK under Z_FINISH: more output is pending; a full buffer has been written.
                guard scratch.readableBytes > 0 else {
                    throw CompressionError(.libraryFailure, "zlib made no progress ending a gzip stream: this is a bug, please report it")
                }
            } catch {
                throw CompressionError(.libraryFailure, "zlib failed ending a gzip stream (\(error))")
            }
            if scratch.readableBytes > 0 { try emit(scratch) }
            if done { return }
        }
    }

    private static let usedAfterFinish = CompressionError(.libraryFailure, "the gzip stream was already finished: a compressor writes one stream")
}
