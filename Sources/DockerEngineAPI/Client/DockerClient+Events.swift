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
        return try await withStream(request, resource: "event stream", acceptedStatuses: [200]) { reader, _ in
            try await body(DockerEventStream(reader: reader, endpoint: configuration.endpoint))
        }
    }
}
