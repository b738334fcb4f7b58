import BaktainerCore
import Foundation
import NIOCore
import Testing

/// Helpers shared by the compression tests.
enum CompressionFixture {
    /// Deterministic pseudo-random bytes (xorshift), so a failure reproduces.
    static func random(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        while bytes.count < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            withUnsafeBytes(of: state) { bytes.append(contentsOf: $0.prefix(count - bytes.count)) }
        }
        return bytes
    }

    /// Text-like bytes that compress well but not trivially.
    static func text(_ count: Int) -> [UInt8] {
        let line = Array("INSERT INTO t VALUES (42, 'hello world', now());\n".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        var i = 0
        while bytes.count < count {
            bytes.append(contentsOf: line.prefix(count - bytes.count))
            bytes.append(contentsOf: String(i).utf8.prefix(max(0, count - bytes.count)))
            i += 1
        }
        return bytes
    }

    /// Runs `bytes` through `transform` in pieces of `pieceSize`, then finishes it.
    static func run(_ transform: inout some ByteStreamTransform, _ bytes: [UInt8], pieceSize: Int) throws -> [UInt8] {
        var result = [UInt8]()
        let input = ByteBuffer(bytes: bytes)
        var offset = 0
        while offset < bytes.count {
            let length = min(pieceSize, bytes.count - offset)
            let piece = try transform.transform(input.getSlice(at: offset, length: length)!)
            piece.withUnsafeReadableBytes { result.append(contentsOf: $0) }
            offset += length
        }
        try transform.finish().withUnsafeReadableBytes { result.append(contentsOf: $0) }
        return result
    }

    static func compress(_ compression: Compression, _ bytes: [UInt8], pieceSize: Int = 64 * 1024) throws -> [UInt8] {
        var compressor = try #require(try compression.makeCompressor())
        return try run(&compressor, bytes, pieceSize: pieceSize)
    }

    static func decompress(_ compression: Compression, _ bytes: [UInt8], pieceSize: Int = 64 * 1024) throws -> [UInt8] {
        var decompressor = try #require(try compression.makeDecompressor())
        return try run(&decompressor, bytes, pieceSize: pieceSize)
    }

    /// The `CompressionError` that decompressing `bytes` throws, or nil when it succeeds.
    static func decompressionError(_ compression: Compression, _ bytes: [UInt8]) throws -> CompressionError? {
        do {
            _ = try decompress(compression, bytes)
            return nil
        } catch let error as CompressionError {
            return error
        }
    }
}

@Suite struct CompressionRoundTripTests {
    static let formats: [Compression] = [.gzip(level: 1), .gzip(level: 6), .gzip(level: 9), .zstd(level: 1), .zstd(level: 3), .zstd(level: 19)]

    @Test(arguments: formats, [0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1])
    func smallSizesRoundTripInEveryPieceSize(compression: Compression, size: Int) throws {
        let original = CompressionFixture.text(size)
        for pieceSize in [1, 7, 100 * 1024] where pieceSize > 1 || size <= 64 * 1024 + 1 {
            let compressed = try CompressionFixture.compress(compression, original, pieceSize: pieceSize)
            #expect(Compression(magic: compressed).name == compression.name)
            let restored = try CompressionFixture.decompress(compression, compressed, pieceSize: pieceSize)
            #expect(restored == original, "\(compression), \(size) bytes in pieces of \(pieceSize)")
        }
    }

    @Test(arguments: [Compression.gzip, .zstd], [1, 7, 100 * 1024])
    func randomMebibytesRoundTrip(compression: Compression, pieceSize: Int) throws {
        // 3 MiB byte by byte is 3 million calls, about 20 s per format in a debug build; 512 KiB exercises the same.
        let original = CompressionFixture.random(pieceSize == 1 ? 512 * 1024 : 3 * 1024 * 1024)
        for compressionPieceSize in [pieceSize, 64 * 1024] {
            let compressed = try CompressionFixture.compress(compression, original, pieceSize: compressionPieceSize)
            #expect(compressed.count > original.count)  // Random bytes do not shrink: the data went through.
            let restored = try CompressionFixture.decompress(compression, compressed, pieceSize: pieceSize)
            #expect(restored == original)
        }
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func compressingInTinyPiecesMatchesTheOriginal(compression: Compression) throws {
        let original = CompressionFixture.random(300 * 1024, seed: 7)
        for pieceSize in [1, 7] {
            let compressed = try CompressionFixture.compress(compression, original, pieceSize: pieceSize)
            #expect(try CompressionFixture.decompress(compression, compressed) == original)
        }
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func concatenatedStreamsDecompressToBoth(compression: Compression) throws {
        let first = CompressionFixture.text(70_000)
        let second = CompressionFixture.random(5_000)
        let joined = try CompressionFixture.compress(compression, first) + CompressionFixture.compress(compression, second)
        #expect(try CompressionFixture.decompress(compression, joined, pieceSize: 7) == first + second)
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func sixtyFourMebibytesOfZerosComeOutInBoundedPieces(compression: Compression) throws {
        let zeros = ByteBuffer(repeating: 0, count: 64 * 1024)
        let rounds = 1024  // 64 MiB
        var compressor = try #require(try compression.makeCompressor())
        var compressed = [UInt8]()
        var largestCompressedPiece = 0
        for _ in 0..<rounds {
            let piece = try compressor.transform(zeros)
            largestCompressedPiece = max(largestCompressedPiece, piece.readableBytes)
            compressed.append(contentsOf: piece.readableBytesView)
        }
        let trailer = try compressor.finish()
        largestCompressedPiece = max(largestCompressedPiece, trailer.readableBytes)
        compressed.append(contentsOf: trailer.readableBytesView)
        #expect(largestCompressedPiece < 1024 * 1024)
        #expect(compressed.count < 1024 * 1024)  // 64 MiB of zeros must shrink: proves the data went through.

        // The whole compressed stream in one piece: a decompression bomb must still come out in bounded pieces.
        var decompressor = try #require(try compression.makeDecompressor())
        var total = 0
        var largest = 0
        var pieces = 0
        let check: (ByteBuffer) -> Void = { piece in
            largest = max(largest, piece.readableBytes)
            total += piece.readableBytes
            pieces += 1
            #expect(piece.withUnsafeReadableBytes { bytes in bytes.firstIndex { $0 != 0 } } == nil)
        }
        try decompressor.transform(ByteBuffer(bytes: compressed), emit: check)
        try decompressor.finish(emit: check)
        #expect(total == rounds * zeros.readableBytes)
        #expect(largest <= Compression.maximumPieceSize)
        #expect(pieces >= total / Compression.maximumPieceSize)
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func compressorEmitsBoundedPiecesForIncompressibleInput(compression: Compression) throws {
        var compressor = try #require(try compression.makeCompressor())
        var largest = 0
        var total = 0
        let emit: (ByteBuffer) -> Void = {
            largest = max(largest, $0.readableBytes)
            total += $0.readableBytes
        }
        try compressor.transform(ByteBuffer(bytes: CompressionFixture.random(2 * 1024 * 1024)), emit: emit)
        try compressor.finish(emit: emit)
        #expect(largest <= Compression.maximumPieceSize)
        #expect(total > 2 * 1024 * 1024)  // Random data does not shrink, so several full pieces came out.
    }
}

@Suite struct CompressionDamageTests {
    static let original = CompressionFixture.random(200 * 1024, seed: 11) + CompressionFixture.text(200 * 1024)

    @Test(arguments: [Compression.gzip, .zstd])
    func truncatedStreamsAreReportedAsTruncated(compression: Compression) throws {
        let compressed = try CompressionFixture.compress(compression, Self.original)
        for cut in [1, 4, 9, compressed.count / 2, compressed.count - 1] {
            let error = try CompressionFixture.decompressionError(compression, Array(compressed.prefix(cut)))
            #expect(error?.code == .truncated, "cut at \(cut) of \(compressed.count): \(String(describing: error))")
        }
        #expect(try CompressionFixture.decompressionError(compression, [])?.code == .truncated)
    }

    @Test func gzipTruncationMessageSaysTheFileIsTruncated() throws {
        let compressed = try CompressionFixture.compress(.gzip, Self.original)
        let error = try CompressionFixture.decompressionError(.gzip, Array(compressed.dropLast(4)))
        #expect(error?.message.contains("truncated") == true)
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func aFlippedByteInTheDataIsAnError(compression: Compression) throws {
        var compressed = try CompressionFixture.compress(compression, Self.original)
        compressed[compressed.count / 2] ^= 0x55
        let error = try CompressionFixture.decompressionError(compression, compressed)
        #expect(error != nil)
        #expect([.corrupt, .checksumMismatch].contains(error?.code))
    }

    @Test func gzipCRCMismatchIsCorrupt() throws {
        var compressed = try CompressionFixture.compress(.gzip, Self.original)
        compressed[compressed.count - 8] ^= 0x01  // First byte of the CRC-32 in the trailer.
        #expect(try CompressionFixture.decompressionError(.gzip, compressed)?.code == .corrupt)
        var sized = try CompressionFixture.compress(.gzip, Self.original)
        sized[sized.count - 1] ^= 0x01  // Last byte of ISIZE.
        #expect(try CompressionFixture.decompressionError(.gzip, sized)?.code == .corrupt)
    }

    @Test func zstdChecksumMismatchIsReported() throws {
        var compressed = try CompressionFixture.compress(.zstd, Self.original)
        compressed[compressed.count - 1] ^= 0x01  // The frame ends with its 4-byte content checksum.
        #expect(try CompressionFixture.decompressionError(.zstd, compressed)?.code == .checksumMismatch)
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func bytesOfAnotherFormatAreCorrupt(compression: Compression) throws {
        let other: Compression = compression.name == "gzip" ? .zstd : .gzip
        let compressed = try CompressionFixture.compress(other, Self.original)
        #expect(try CompressionFixture.decompressionError(compression, compressed)?.code == .corrupt)
        #expect(try CompressionFixture.decompressionError(compression, Array("plain text dump\n".utf8))?.code == .corrupt)
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func garbageAfterACompleteStreamIsCorrupt(compression: Compression) throws {
        let compressed = try CompressionFixture.compress(compression, Self.original) + Array("junk!junk!".utf8)
        #expect(try CompressionFixture.decompressionError(compression, compressed)?.code == .corrupt)
    }

    @Test func outOfRangeLevelsAreRejected() {
        #expect(throws: CompressionError.self) { try GzipCompressor(level: 0) }
        #expect(throws: CompressionError.self) { try GzipCompressor(level: 10) }
        #expect(throws: CompressionError.self) { try ZstdCompressor(level: 0) }
        #expect(throws: CompressionError.self) { try ZstdCompressor(level: 20) }
        #expect { try Compression.zstd(level: 22).makeCompressor() } throws: { ($0 as? CompressionError)?.code == .invalidLevel }
    }

    @Test(arguments: [Compression.gzip, .zstd])
    func usingAFinishedTransformIsAnError(compression: Compression) throws {
        var compressor = try #require(try compression.makeCompressor())
        _ = try compressor.finish()
        #expect(throws: CompressionError.self) { try compressor.transform(ByteBuffer(bytes: [1, 2, 3])) }
    }
}

@Suite struct CompressionFormatTests {
    @Test func fileExtensions() {
        #expect(Compression.none.fileExtension == "")
        #expect(Compression.gzip(level: 9).fileExtension == "gz")
        #expect(Compression.zstd(level: 1).fileExtension == "zst")
        #expect(Compression.gzip.appendingExtension(to: "db.sql") == "db.sql.gz")
        #expect(Compression.none.appendingExtension(to: "db.sql") == "db.sql")
    }

    @Test(arguments: [
        ("app-2024-01-01.sql.gz", "gzip"), ("APP.SQL.GZ", "gzip"), ("x.rdb.zst", "zstd"), ("x.sql", "none"), ("x.gzip", "none"),
        ("gz", "none"), ("x.zstd", "none"),
    ])
    func formatFromFileName(fileName: String, expected: String) {
        #expect(Compression(fileName: fileName).name == expected)
    }

    @Test(arguments: [
        ([0x1F, 0x8B, 0x08, 0x00] as [UInt8], "gzip"), ([0x28, 0xB5, 0x2F, 0xFD, 0x04], "zstd"), ([0x1F], "none"), ([], "none"),
        ([0x28, 0xB5, 0x2F], "none"), (Array("-- PostgreSQL dump".utf8), "none"), ([0x8B, 0x1F], "none"),
    ])
    func formatFromMagicBytes(bytes: [UInt8], expected: String) {
        #expect(Compression(magic: bytes).name == expected)
        #expect(Compression(magic: ByteBuffer(bytes: bytes)).name == expected)
    }

    @Test func noneHasNoTransforms() throws {
        #expect(try Compression.none.makeCompressor() == nil)
        #expect(try Compression.none.makeDecompressor() == nil)
    }
}
