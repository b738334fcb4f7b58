import NIOCore

extension DockerClient {
    /// The response reader of a streaming request.
    typealias StreamReader = HTTPStreamReader<NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator>

    /// Opens a streaming connection, sends `request` and, once the daemon answers with one of
    /// `acceptedStatuses`, hands the reader (positioned after the head) and the writer to `body`.
    ///
    /// Any other status becomes the error ``DockerAnswer/requireSuccess(resource:endpoint:notFound:)`` makes
    /// for `resource`. The connection is closed when `body` returns or throws.
    func withStream<Result>(
        _ request: DockerRequest, resource: String, acceptedStatuses: Set<Int>,
        _ body: (StreamReader, NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> Result
    ) async throws -> Result {
        let endpoint = configuration.endpoint
        let channel = try await configuration.retry.run { () async throws(DockerError) in try await connector.connectStreaming() }
        return try await channel.executeThenClose { inbound, outbound in
            do {
                try await outbound.write(request.encoded(apiVersion: apiVersion.description, host: endpoint.hostHeader))
            } catch {
                throw DockerError.transport(error, endpoint: endpoint)
            }
            var reader = StreamReader(inbound.makeAsyncIterator(), endpoint: endpoint)
            let head = try await reader.readHead()
            guard acceptedStatuses.contains(head.status) else {
                let answer = DockerAnswer(head: head, body: try await reader.collectBody(limit: Self.maximumAnswerSize))
                try answer.requireSuccess(resource: resource, endpoint: endpoint)
                throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) answered the request for \(resource) with \(head.status)")
            }
            return try await body(reader, outbound)
        }
    }
}
