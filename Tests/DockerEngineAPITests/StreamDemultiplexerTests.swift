import NIOCore
import Testing

@testable import DockerEngineAPI

private func frame(_ kind: UInt8, _ payload: String) -> [UInt8] {
    let bytes = Array(payload.utf8)
    let length = UInt32(bytes.count)
    return [kind, 0, 0, 0, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + bytes
}

/// Runs the demultiplexer over `stream` cut into pieces of `pieceSize` bytes.
private func demultiplex(_ stream: [UInt8], pieceSize: Int) throws -> (stdout: String, stderr: String, boundary: Bool) {
    var demultiplexer = StreamDemultiplexer()
    var stdout = ""
    var stderr = ""
    var offset = 0
    while offset < stream.count {
        var piece = ByteBuffer(bytes: stream[offset..<min(offset + pieceSize, stream.count)])
        offset += pieceSize
        while let (kind, payload) = try demultiplexer.next(from: &piece) {
            if kind == .stderr { stderr += String(buffer: payload) } else { stdout += String(buffer: payload) }
        }
    }
    return (stdout, stderr, demultiplexer.isAtFrameBoundary)
}

@Suite struct StreamDemultiplexerTests {
    static let stream = frame(1, "hello ") + frame(2, "warning: x\n") + frame(1, "") + frame(1, "world") + frame(2, "done\n")

    @Test(arguments: [1, 2, 3, 7, 8, 9, 13, 64, 4096])
    func separatesStreamsWhateverTheCut(pieceSize: Int) throws {
        let result = try demultiplex(Self.stream, pieceSize: pieceSize)
        #expect(result.stdout == "hello world")
        #expect(result.stderr == "warning: x\ndone\n")
        #expect(result.boundary)
    }

    @Test func streamEndingInsideAFrameIsNotAtABoundary() throws {
        let cut = Array(Self.stream.dropLast(3))
        #expect(try !demultiplex(cut, pieceSize: 5).boundary)
        let inHeader = Array(frame(1, "abc").prefix(5))
        #expect(try !demultiplex(inHeader, pieceSize: 2).boundary)
    }

    @Test func unknownStreamKindIsAnError() {
        #expect(throws: DockerError.self) {
            _ = try demultiplex(frame(7, "tty?"), pieceSize: 100)
        }
    }

    @Test func payloadsAreSlicesNotCopies() throws {
        var demultiplexer = StreamDemultiplexer()
        var input = ByteBuffer(bytes: frame(1, String(repeating: "z", count: 100_000)))
        var total = 0
        while let (_, payload) = try demultiplexer.next(from: &input) { total += payload.readableBytes }
        #expect(total == 100_000)
    }
}
