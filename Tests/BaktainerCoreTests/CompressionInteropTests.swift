import BaktainerCore
import Foundation
import NIOCore
import Testing

/// Baktainer's files against the real `gzip` and `zstd` programs, both ways.
@Suite struct CompressionInteropTests {
    static let original = CompressionFixture.random(1024 * 1024, seed: 3) + CompressionFixture.text(2 * 1024 * 1024) + [UInt8](repeating: 0, count: 300_000)

    /// Runs `executable` with `arguments`, feeding `input` on standard input; returns its exit status and output.
    static func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) throws -> (status: Int32, output: [UInt8]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baktainer-compression-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputFile = directory.appendingPathComponent("in")
        let outputFile = directory.appendingPathComponent("out")
        try Data(input).write(to: inputFile)
        try Data().write(to: outputFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](try Data(contentsOf: outputFile)))
    }

    static let tools: [(Compression, String, test: [String], decompress: [String], compress: [String])] = [
        (.gzip(level: 6), "/bin/gzip", ["-t"], ["-dc"], ["-c"]),
        (.gzip(level: 1), "/bin/gzip", ["-t"], ["-dc"], ["-9", "-c"]),
        (.zstd(level: 3), "/usr/bin/zstd", ["-t", "-q"], ["-dc", "-q"], ["-c", "-q"]),
        (.zstd(level: 19), "/usr/bin/zstd", ["-t", "-q"], ["-dc", "-q"], ["-c", "-q", "--no-check"]),
    ]

    @Test(arguments: 0..<tools.count)
    func programsReadBaktainersFiles(index: Int) throws {
        let (compression, tool, test, decompress, _) = Self.tools[index]
        let compressed = try CompressionFixture.compress(compression, Self.original, pieceSize: 100 * 1024)
        #expect(try Self.run(tool, test, input: compressed).status == 0)
        let restored = try Self.run(tool, decompress, input: compressed)
        #expect(restored.status == 0)
        #expect(restored.output == Self.original)
        // An empty dump too.
        let empty = try CompressionFixture.compress(compression, [])
        #expect(try Self.run(tool, test, input: empty).status == 0)
        #expect(try Self.run(tool, decompress, input: empty).output == [])
    }

    @Test(arguments: 0..<tools.count)
    func baktainerReadsTheProgramsFiles(index: Int) throws {
        let (compression, tool, _, _, compress) = Self.tools[index]
        let compressed = try Self.run(tool, compress, input: Self.original)
        #expect(compressed.status == 0)
        #expect(Compression(magic: compressed.output).name == compression.name)
        #expect(try CompressionFixture.decompress(compression, compressed.output, pieceSize: 7 * 1024) == Self.original)
    }

    @Test func zstdChecksumIsThereForZstdToTest() throws {
        var compressed = try CompressionFixture.compress(.zstd, Self.original)
        compressed[compressed.count - 2] ^= 0x10  // Inside the content checksum: only a checksum catches it.
        #expect(try Self.run("/usr/bin/zstd", ["-t", "-q"], input: compressed).status != 0)
    }

    @Test func gzipTestRejectsATruncatedFileWeAlsoReject() throws {
        let compressed = Array(try CompressionFixture.compress(.gzip, Self.original).dropLast(3))
        #expect(try Self.run("/bin/gzip", ["-t"], input: compressed).status != 0)
        #expect(try CompressionFixture.decompressionError(.gzip, compressed)?.code == .truncated)
    }
}
