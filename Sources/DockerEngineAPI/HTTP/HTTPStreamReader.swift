import NIOCore

/// Reads one HTTP response from an async sequence of received buffers, handing body bytes out as they come.
struct HTTPStreamReader<Base: AsyncIteratorProtocol> where Base.Element == ByteBuffer {
    private var base: Base
    private var parser = HTTPResponseParser()
    private var inputEnded = false
    private let endpoint: DockerEndpoint

    init(_ base: Base, endpoint: DockerEndpoint) {
        self.base = base
        self.endpoint = endpoint
    }

    /// Reads up to the end of the response head.
    mutating func readHead() async throws -> HTTPResponseHead {
        guard case .head(let head)? = try await nextEvent() else {
            throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) sent body bytes before a response head")
        }
        return head
    }

    /// The next piece of the body, or nil once the body has ended cleanly.
    mutating func nextBodyChunk() async throws -> ByteBuffer? {
        switch try await nextEvent() {
        case .body(let buffer)?: buffer
        case .end?, nil: nil
        case .head?: throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) sent a second response head")
        }
    }

    /// Reads the rest of the body into one buffer, refusing more than `limit` bytes.
    mutating func collectBody(limit: Int) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        while var chunk = try await nextBodyChunk() {
            guard collected.readableBytes + chunk.readableBytes <= limit else {
                throw DockerError(.responseTooLarge, "Docker daemon answer exceeded \(limit) bytes")
            }
            collected.writeBuffer(&chunk)
        }
        return collected
    }

    private mutating func nextEvent() async throws -> HTTPResponseParser.Event? {
        while true {
            if let event = try parser.nextEvent() { return event }
            if inputEnded { return try parser.finish() }
            let received: ByteBuffer?
            do {
                received = try await base.next()
            } catch let error as CancellationError {
                throw error
            } catch {
                throw DockerError.transport(error, endpoint: endpoint)
            }
            if let received {
                parser.feed(received)
            } else {
                inputEnded = true
            }
        }
    }
}
