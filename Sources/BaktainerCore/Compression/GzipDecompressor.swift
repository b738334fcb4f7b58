import CompressNIO
import NIOCore

/// Streams a gzip file back into the bytes it holds, checking each member's CRC-32 and size.
///
/// Reads files of several gzip members (as `cat a.gz b.gz` makes) as `gunzip` does. Output comes out in pieces of
/// at most ``Compression/maximumPieceSize``. Owns a zlib stream, so it is a class; use it from one task at a time,
/// for one stream.
package final class GzipDecompressor: ChunkedByteStreamTransform {
    private let inflater: ZlibDecompressor
    /// Whether the last member read so far has ended (trailer checked) with no bytes of a next one seen.
    private var atMemberEnd = false
    /// Whether any input arrived at all: an empty file is not a gzip file.
    private var sawInput = false
    private var finished = false
    /// The output piece being filled, reused once its consumer has let go of the last one.
    private var scratch = ByteBuffer.compressionPiece()

    /// Creates a decompressor.
    package init() throws(CompressionError) {
        do {
            inflater = try ZlibDecompressor(algorithm: .gzip)
        } catch {
            throw CompressionError(.libraryFailure, "zlib could not start reading a gzip stream (\(error)): the system may be out of memory")
        }
    }

    package func transform(_ input: ByteBuffer, emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        var input = input
        if input.readableBytes > 0 { sawInput = true }
        try inflate(&input, emit: emit)
    }

    package func finish(emit: (ByteBuffer) throws -> Void) throws {
        guard !finished else { throw Self.usedAfterFinish }
        finished = true
        guard sawInput else {
            throw CompressionError(.truncated, "the gzip stream is empty: the file holds no data; it was cut short or never written")
        }
        // One call with no input tells whether the last member ended (Z_STREAM_END) or waits for more (Z_BUF_ERROR).
        var nothing = ByteBuffer()
        try inflate(&nothing, emit: emit)
        guard atMemberEnd else {
            throw CompressionError(.truncated, "the gzip stream ends before its trailer: the file is truncated; use another backup")
        }
    }

    /// Inflates all of `input`, passing output on in full pieces and then the rest.
    private func inflate(_ input: inout ByteBuffer, emit: (ByteBuffer) throws -> Void) throws {
        while true {
            if atMemberEnd {
                guard input.readableBytes > 0 else { return }
                try restartForNextMember()
            }
            scratch.clear()
            let readBefore = input.readerIndex
            let step = try inflateStep(&input, &scratch)
            if scratch.readableBytes > 0 { try emit(scratch) }
            switch step {
            case .outputFull:
                continue
            case .needsInput:
                return
            case .returned:
                // zlib returns normally at the member's end (Z_STREAM_END) and when it consumed all input with room
                // left (Z_OK). With input left, a full piece, or nothing read or written, it can only be the end;
                // otherwise the next call (more input, or none from finish()) tells.
                let madeNoProgress = input.readerIndex == readBefore && scratch.readableBytes == 0
                guard input.readableBytes > 0 || scratch.writableBytes == 0 || madeNoProgress else { return }
                atMemberEnd = true
            }
        }
    }

    /// The outcome of one call to zlib's inflate.
    private enum Step {
        case outputFull, needsInput, returned
    }

    private func inflateStep(_ input: inout ByteBuffer, _ output: inout ByteBuffer) throws(CompressionError) -> Step {
        do {
            try inflater.inflate(from: &input, to: &output)
            return .returned
        } catch let error as CompressNIOError where error == .bufferOverflow {
            return .outputFull
        } catch let error as CompressNIOError where error == .inputBufferOverflow {
            return .needsInput
        } catch let error as CompressNIOError where error == .corruptData {
            throw CompressionError(.corrupt, "the gzip data is corrupt or fails its CRC-32 or size check: the file is damaged; use another backup")
        } catch {
            throw CompressionError(.libraryFailure, "zlib failed reading gzip data (\(error))")
        }
    }

    private func restartForNextMember() throws(CompressionError) {
        do {
            try inflater.reset()
        } catch {
            throw CompressionError(.libraryFailure, "zlib could not start the next gzip member (\(error))")
        }
        atMemberEnd = false
    }

    private static let usedAfterFinish = CompressionError(.libraryFailure, "the gzip stream was already finished: a decompressor reads one stream")
}
