#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

/// The daemon's event stream as an async sequence of ``DockerEvent``, one per JSON line.
///
/// Ends (returns nil) when the daemon closes the stream. Can be iterated once.
package final class DockerEventStream: AsyncSequence, AsyncIteratorProtocol {
    package typealias Element = DockerEvent
    package typealias Failure = any Error

    private var reader: HTTPStreamReader<StreamingConnection.Inbound>
    private var lines = LineSplitter(maximumLineLength: 1 << 20)
    private let endpoint: DockerEndpoint
    private let decoder = JSONDecoder()

    init(reader: HTTPStreamReader<StreamingConnection.Inbound>, endpoint: DockerEndpoint) {
        self.reader = reader
        self.endpoint = endpoint
    }

    package func makeAsyncIterator() -> DockerEventStream { self }

    /// The next event, or nil when the daemon ends the stream.
    package func next() async throws -> DockerEvent? {
        while true {
            if let line = try lines.nextLine() {
                if line.readableBytes == 0 { continue }
                do {
                    return try decoder.decode(DockerEvent.self, from: Data(line.readableBytesView))
                } catch {
                    throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) sent an unreadable event: \(error)")
                }
            }
            guard let chunk = try await reader.nextBodyChunk() else { return nil }
            lines.feed(chunk)
        }
    }
}
