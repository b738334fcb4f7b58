import NIOCore
import Testing

@testable import DockerEngineAPI

/// Feeds `chunks` one at a time and collects every event, as the streaming reader does.
private func parse(_ chunks: [String], finish: Bool = true) throws -> (head: HTTPResponseHead?, body: String, ended: Bool) {
    var parser = HTTPResponseParser()
    var head: HTTPResponseHead?
    var body = ""
    var ended = false
    func drain(_ event: HTTPResponseParser.Event?) {
        switch event {
        case .head(let parsed)?: head = parsed
        case .body(let buffer)?: body += String(buffer: buffer)
        case .end?: ended = true
        case nil: break
        }
    }
    for chunk in chunks {
        parser.feed(ByteBuffer(string: chunk))
        while let event = try parser.nextEvent() { drain(event) }
    }
    if finish {
        while let event = try parser.finish() { drain(event) }
    }
    return (head, body, ended)
}

/// Every way of cutting `text` into two pieces.
private func splits(of text: String) -> [[String]] {
    let characters = Array(text.utf8)
    return (0...characters.count).map { cut in
        [String(decoding: characters[..<cut], as: UTF8.self), String(decoding: characters[cut...], as: UTF8.self)]
    }
}

@Suite struct HTTPResponseParserTests {
    @Test func contentLengthBodyEndsAtItsLength() throws {
        let result = try parse(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\nApi-Version: 1.41\r\n\r\nhello"], finish: false)
        #expect(result.head?.status == 200)
        #expect(result.head?["api-version"] == "1.41")
        #expect(result.body == "hello")
        #expect(result.ended)
    }

    @Test func chunkedBodyIsDecodedWhateverTheCut() throws {
        let response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n"
        for pieces in splits(of: response) {
            let result = try parse(pieces, finish: false)
            #expect(result.body == "hello, world", "cut at \(pieces[0].utf8.count)")
            #expect(result.ended)
        }
    }

    @Test func upgradedStreamRunsUntilClose() throws {
        let result = try parse(["HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nabc", "def"])
        #expect(result.head?.status == 101)
        #expect(result.body == "abcdef")
        #expect(result.ended)
    }

    @Test func bodyWithoutFramingRunsUntilClose() throws {
        let result = try parse(["HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n", "x", "y"])
        #expect(result.body == "xy")
        #expect(result.ended)
    }

    @Test func truncatedFixedLengthBodyIsAnError() {
        #expect(throws: DockerError.self) {
            _ = try parse(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"])
        }
    }

    @Test func truncatedChunkIsAnError() {
        #expect(throws: DockerError.self) {
            _ = try parse(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nabc"])
        }
    }

    @Test func closeBeforeAnyAnswerSaysSo() {
        #expect {
            _ = try parse([])
        } throws: { error in
            (error as? DockerError)?.code == .streamTruncated
                && (error as? DockerError)?.message.contains("without answering") == true
        }
    }

    @Test func nonHTTPPeerIsRecognised() {
        #expect {
            _ = try parse(["\u{16}\u{03}\u{01}garbage-that-is-not-http\r\n\r\n"])
        } throws: { error in
            (error as? DockerError)?.code == .malformedResponse
        }
    }

    @Test func oversizedHeadIsRefused() {
        var parser = HTTPResponseParser(maximumHeadSize: 64)
        parser.feed(ByteBuffer(string: "HTTP/1.1 200 OK\r\n" + String(repeating: "X-Long: value\r\n", count: 10)))
        #expect(throws: DockerError.self) { _ = try parser.nextEvent() }
    }

    @Test func noContentHasNoBody() throws {
        let result = try parse(["HTTP/1.1 204 No Content\r\n\r\n"], finish: false)
        #expect(result.head?.status == 204)
        #expect(result.ended)
    }
}
