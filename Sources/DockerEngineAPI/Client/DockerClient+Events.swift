import NIOCore

extension DockerClient {
    /// Streams container events (by default start, stop and die) to `body` until it returns.
    ///
    /// `labels` narrows the stream to containers carrying those labels (`key` or `key=value`). The stream
    /// starts at the moment of the call; it is closed when `body` returns or throws.
    package func withContainerEvents<Result>(
        actions: [String] = ["start", "stop", "die"], labels: [String] = [],
        _ body: (DockerEventStream) async throws -> Result
    ) async throws -> Result {
        var filters: [String: [String]] = ["type": ["container"], "event": actions]
        if !labels.isEmpty { filters["label"] = labels }
        let request = DockerRequest(method: "GET", path: "/events", query: [("filters", try Self.filtersJSON(filters))])
        let endpoint = configuration.endpoint
        let channel = try await configuration.retry.run { () async throws(DockerError) in try await connector.connectStreaming() }
        return try await channel.executeThenClose { inbound, outbound in
            do {
                try await outbound.write(request.encoded(apiVersion: apiVersion.description, host: endpoint.hostHeader))
            } catch {
                throw DockerError.transport(error, endpoint: endpoint)
            }
            var reader = HTTPStreamReader(inbound.makeAsyncIterator(), endpoint: endpoint)
            let head = try await reader.readHead()
            guard head.status == 200 else {
                let answer = DockerAnswer(head: head, body: try await reader.collectBody(limit: Self.maximumAnswerSize))
                try answer.requireSuccess(resource: "event stream", endpoint: endpoint)
                throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) answered the event request with \(head.status)")
            }
            return try await body(DockerEventStream(reader: reader, endpoint: endpoint))
        }
    }
}
