import NIOCore
import NIOPosix
import NIOSSL

/// Opens connections to one Docker endpoint, adding TLS and the answer timeout to each.
struct DockerConnector: Sendable {
    let endpoint: DockerEndpoint
    let sslContext: NIOSSLContext?
    let eventLoopGroup: any EventLoopGroup
    let connectTimeout: TimeAmount
    let answerTimeout: TimeAmount

    /// Connects and runs `initializer` on the new channel after the TLS and timeout handlers are in place.
    func connect<Output: Sendable>(
        _ initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Output>
    ) async throws(DockerError) -> Output {
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(connectTimeout)
            // Large reads keep the client's CPU per byte low: the daemon is the bottleneck, so every
            // cycle saved here is a cycle the daemon can use on a 2-core host.
            .channelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 4096, initial: 65536, maximum: 256 << 10))
        let sslContext = self.sslContext
        let endpoint = self.endpoint
        let answerTimeout = self.answerTimeout
        let initialize: @Sendable (any Channel) -> EventLoopFuture<Output> = { channel in
            do {
                if let sslContext {
                    var hostname: String? = nil
                    if case .tcp(let host, _, _) = endpoint, !Self.isIPAddress(host) { hostname = host }
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: hostname))
                }
                try channel.pipeline.syncOperations.addHandler(AnswerTimeoutHandler(timeout: answerTimeout, endpoint: endpoint))
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
            return initializer(channel)
        }
        do {
            switch endpoint {
            case .unixSocket(let path):
                return try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initialize)
            case .tcp(let host, let port, _):
                return try await bootstrap.connect(host: host, port: port, channelInitializer: initialize)
            }
        } catch {
            throw DockerError.transport(error, endpoint: endpoint)
        }
    }

    /// Connects for a long stream (exec output, events): reads are back-pressured through a ``ReceiveQueue``, and
    /// ``StreamingConnection/finishOutput()`` half-closes the connection (which ends an exec's stdin).
    func connectStreaming() async throws(DockerError) -> StreamingConnection {
        try await connect { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.syncOptions?.setOption(.autoRead, value: false)
                let queue = ReceiveQueue(eventLoop: channel.eventLoop)
                try channel.pipeline.syncOperations.addHandler(queue)
                return StreamingConnection(channel: channel, queue: queue)
            }
        }
    }

    /// Sends one request and returns the whole raw response, read until the daemon closes the connection.
    ///
    /// Nothing here observes Swift task cancellation, so clean-up can use it from a cancelled task.
    func exchange(_ request: ByteBuffer, limit: Int) async throws(DockerError) -> ByteBuffer {
        let response = try await connect { channel in
            channel.eventLoop.makeCompletedFuture {
                let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
                try channel.pipeline.syncOperations.addHandler(ResponseCollector(promise: promise, limit: limit))
                channel.writeAndFlush(request, promise: nil)
                return promise.futureResult
            }
        }
        let raw: ByteBuffer
        do {
            raw = try await response.get()
        } catch {
            throw DockerError.transport(error, endpoint: endpoint)
        }
        if case .tcp(_, _, false) = endpoint, Self.isPlainHTTPRefusedByTLSServer(raw) {
            throw DockerError(
                .tlsHandshakeFailed,
                "Docker daemon at \(endpoint) only speaks TLS (it answered: Client sent an HTTP request to an HTTPS server): turn TLS on (BT_SSL=true or DOCKER_TLS_VERIFY=1, or an https:// endpoint) and give the CA, client certificate and key"
            )
        }
        return raw
    }

    /// Go's HTTPS server (dockerd's `--tls`/`--tlsverify` listener) answers a plain-HTTP request with this
    /// fixed 400 instead of a handshake: a TLS setting missing on our side, not a request Docker rejected.
    static func isPlainHTTPRefusedByTLSServer(_ raw: ByteBuffer) -> Bool {
        let prefix = String(decoding: raw.readableBytesView.prefix(256), as: UTF8.self)
        return prefix.hasPrefix("HTTP/1.") && prefix.contains(" 400 ") && prefix.contains("Client sent an HTTP request to an HTTPS server")
    }

    private static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
