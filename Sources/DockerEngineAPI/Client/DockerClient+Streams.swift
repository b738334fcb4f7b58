import NIOCore

extension DockerClient {
    /// The response reader of a streaming request.
    typealias StreamReader = HTTPStreamReader<StreamingConnection.Inbound>

    /// Opens a streaming connection, sends `request` and, once the daemon answers with one of
    /// `acceptedStatuses`, hands the reader (positioned after the head) and the connection (for writing) to `body`. With
    /// `consumeOnEventLoop`, `body` (and the tasks it starts) prefers the connection's event loop as executor
    /// (see ``EventLoopTaskExecutor``): for bodies that read a large stream and never block.
    ///
    /// Any other status becomes the error ``DockerAnswer/requireSuccess(resource:endpoint:notFound:)`` makes
    /// for `resource`. The connection is closed when `body` returns or throws.
    func withStream<Result>(
        _ request: DockerRequest, resource: String, acceptedStatuses: Set<Int>, consumeOnEventLoop: Bool = false,
        _ body: (StreamReader, StreamingConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await configuration.retry.run { () async throws(DockerError) in try await connector.connectStreaming() }
        let executor = consumeOnEventLoop ? EventLoopTaskExecutor(connection.channel.eventLoop) : nil
        return try await withTaskExecutorPreference(executor) {
            do {
                let result = try await exchange(request, on: connection, resource: resource, acceptedStatuses: acceptedStatuses, body)
                await connection.close()
                return result
            } catch {
                await connection.close()
                throw error
            }
        }
    }

    private func exchange<Result>(
        _ request: DockerRequest, on connection: StreamingConnection, resource: String, acceptedStatuses: Set<Int>,
        _ body: (StreamReader, StreamingConnection) async throws -> Result
    ) async throws -> Result {
        let endpoint = configuration.endpoint
        do {
            try await connection.send(request.encoded(apiVersion: apiVersion.description, host: endpoint.hostHeader))
        } catch {
            throw DockerError.transport(error, endpoint: endpoint)
        }
        var reader = StreamReader(connection.inbound, endpoint: endpoint)
        let head = try await reader.readHead()
        guard acceptedStatuses.contains(head.status) else {
            let answer = DockerAnswer(head: head, body: try await reader.collectBody(limit: Self.maximumAnswerSize))
            try answer.requireSuccess(resource: resource, endpoint: endpoint)
            throw DockerError(.malformedResponse, "Docker daemon at \(endpoint) answered the request for \(resource) with \(head.status)")
        }
        return try await body(reader, connection)
    }
}
