import NIOCore

/// A push parser for one HTTP/1.1 response, as the Docker daemon sends them: a head, then a body framed by
/// `Content-Length`, by chunked transfer-encoding, or by the connection closing (which is also what follows
/// a `101` upgrade).
///
/// Feed it bytes with ``feed(_:)`` and pull events with ``nextEvent()`` until it returns `nil` (it needs more
/// bytes); at end of input call ``finish()``. Body bytes are handed out as slices of the fed buffers, so a
/// long body is never copied or accumulated.
package struct HTTPResponseParser: Sendable {
    /// What the parser found.
    package enum Event: Sendable, Equatable {
        case head(HTTPResponseHead)
        case body(ByteBuffer)
        case end
    }

    private enum State: Sendable {
        case head
        case fixedLength(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    private var state: State = .head
    private var pending = ByteBuffer()
    private var endEmitted = false
    /// The largest head accepted; a longer one is a malformed response.
    private let maximumHeadSize: Int
    /// The HTTP method of the request, since a response to `HEAD` has no body.
    private let requestHadNoBody: Bool

    /// Creates a parser. `maximumHeadSize` bounds the status line plus headers.
    package init(maximumHeadSize: Int = 64 * 1024, responseToHeadRequest: Bool = false) {
        self.maximumHeadSize = maximumHeadSize
        self.requestHadNoBody = responseToHeadRequest
    }

    /// Whether the body has ended cleanly (its length reached, its last chunk read, or its connection closed).
    package var isComplete: Bool { if case .done = state { true } else { false } }

    /// Adds received bytes.
    package mutating func feed(_ buffer: ByteBuffer) {
        if pending.readableBytes == 0 {
            pending = buffer
        } else {
            var incoming = buffer
            pending.writeBuffer(&incoming)
        }
    }

    /// The next event, or `nil` when more bytes are needed.
    package mutating func nextEvent() throws(DockerError) -> Event? {
        while true {
            switch state {
            case .head:
                guard let head = try parseHead() else { return nil }
                state = bodyState(for: head)
                return .head(head)
            case .fixedLength(let remaining):
                if remaining == 0 {
                    state = .done
                    continue
                }
                guard pending.readableBytes > 0 else { return nil }
                let count = min(remaining, pending.readableBytes)
                state = .fixedLength(remaining: remaining - count)
                return .body(pending.readSlice(length: count)!)
            case .chunkSize:
                guard let line = try readLine(limit: 1024) else { return nil }
                let sizeText = line.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
                guard let size = Int(sizeText.filter { !$0.isWhitespace }, radix: 16), size >= 0 else {
                    throw DockerError(.malformedResponse, "Docker daemon sent an invalid chunk size '\(line.prefix(40))'")
                }
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                guard pending.readableBytes > 0 else { return nil }
                let count = min(remaining, pending.readableBytes)
                state = count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - count)
                return .body(pending.readSlice(length: count)!)
            case .chunkDataEnd:
                guard let line = try readLine(limit: 2) else { return nil }
                guard line.isEmpty else {
                    throw DockerError(.malformedResponse, "Docker daemon sent chunk data longer than its declared size")
                }
                state = .chunkSize
            case .trailers:
                guard let line = try readLine(limit: 8 * 1024) else { return nil }
                if line.isEmpty { state = .done }
            case .untilClose:
                guard pending.readableBytes > 0 else { return nil }
                let all = pending
                pending = ByteBuffer()
                return .body(all)
            case .done:
                if endEmitted { return nil }
                endEmitted = true
                return .end
            }
        }
    }

    /// Marks the end of input (the connection closed) and returns the final event, if any.
    ///
    /// Throws ``DockerError/Code/streamTruncated`` when the response was cut short.
    package mutating func finish() throws(DockerError) -> Event? {
        if let event = try nextEvent() { return event }
        switch state {
        case .untilClose:
            state = .done
            return try nextEvent()
        case .done:
            return nil
        case .head:
            throw DockerError(
                .streamTruncated,
                pending.readableBytes == 0
                    ? "Docker daemon closed the connection without answering"
                    : "Docker daemon closed the connection in the middle of a response head")
        default:
            throw DockerError(.streamTruncated, "Docker daemon closed the connection before the response body ended")
        }
    }

    private func bodyState(for head: HTTPResponseHead) -> State {
        if head.status == 101 { return .untilClose }
        if requestHadNoBody || head.status == 204 || head.status == 304 || (100..<200).contains(head.status) {
            return .done
        }
        if let encoding = head["Transfer-Encoding"], encoding.lowercased().contains("chunked") {
            return .chunkSize
        }
        if let length = head["Content-Length"].flatMap({ Int($0.filter { !$0.isWhitespace }) }), length >= 0 {
            return .fixedLength(remaining: length)
        }
        return .untilClose
    }

    private mutating func parseHead() throws(DockerError) -> HTTPResponseHead? {
        let view = pending.readableBytesView
        guard let endIndex = Self.headTerminator(in: view) else {
            if pending.readableBytes > maximumHeadSize {
                throw DockerError(.malformedResponse, "Docker daemon sent a response head over \(maximumHeadSize) bytes")
            }
            return nil
        }
        let headLength = endIndex - view.startIndex
        let text = pending.readString(length: headLength) ?? ""
        pending.moveReaderIndex(forwardBy: 4)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw DockerError(
                .malformedResponse,
                "Docker endpoint did not answer with HTTP (got '\(statusLine.prefix(40))') — is this really a Docker daemon, and does it expect TLS?")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw DockerError(.malformedResponse, "Docker daemon sent a malformed header line")
            }
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" }))
            headers.append((name, value))
        }
        return HTTPResponseHead(status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers)
    }

    /// Reads one CRLF-terminated line (without the CRLF), or returns nil when it is not complete yet.
    private mutating func readLine(limit: Int) throws(DockerError) -> String? {
        let view = pending.readableBytesView
        var index = view.startIndex
        while index < view.endIndex {
            if view[index] == UInt8(ascii: "\n") {
                let length = index - view.startIndex
                var line = pending.readString(length: length) ?? ""
                pending.moveReaderIndex(forwardBy: 1)
                if line.hasSuffix("\r") { line.removeLast() }
                return line
            }
            index += 1
            if index - view.startIndex > limit + 2 {
                throw DockerError(.malformedResponse, "Docker daemon sent an over-long line in chunked framing")
            }
        }
        return nil
    }

    private static func headTerminator(in view: ByteBufferView) -> Int? {
        guard view.count >= 4 else { return nil }
        var index = view.startIndex
        let last = view.endIndex - 4
        while index <= last {
            if view[index] == 13, view[index + 1] == 10, view[index + 2] == 13, view[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }
}
