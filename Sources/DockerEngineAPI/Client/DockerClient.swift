#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore
import NIOPosix
import NIOSSL

/// A client for the Docker Engine API over a unix socket, TCP or TCP with TLS.
///
/// Create one with ``connect(configuration:eventLoopGroup:)``, which checks the daemon answers and
/// negotiates the API version; the client is then immutable and safe to share. Every request opens its own
/// connection (cheap on a unix socket), so long streams never block other calls.
package struct DockerClient: Sendable {
    /// How to reach the daemon and how patient to be with it.
    package struct Configuration: Sendable {
        /// Where the daemon listens. Default: `unix:///var/run/docker.sock`.
        package var endpoint: DockerEndpoint
        /// TLS material; required for a `tcp` endpoint with `tls: true`, ignored otherwise.
        package var tls: DockerTLSConfiguration?
        /// Retries for transient failures (connection refused or reset, 503). Default: 4 attempts,
        /// 200 ms doubling to at most 5 s, full jitter.
        package var retry: RetryPolicy
        /// How long to wait for a TCP connection. Default: 10 s.
        package var connectTimeout: Duration
        /// How long the daemon may take to start answering a request. Default: 30 s.
        package var answerTimeout: Duration

        /// Creates a configuration; every parameter has the default documented on its property.
        package init(
            endpoint: DockerEndpoint = .defaultSocket, tls: DockerTLSConfiguration? = nil, retry: RetryPolicy = RetryPolicy(),
            connectTimeout: Duration = .seconds(10), answerTimeout: Duration = .seconds(30)
        ) {
            self.endpoint = endpoint
            self.tls = tls
            self.retry = retry
            self.connectTimeout = connectTimeout
            self.answerTimeout = answerTimeout
        }
    }

    /// The largest ordinary (non-streamed) answer accepted.
    static let maximumAnswerSize = 64 << 20

    /// The settings this client was made with.
    package let configuration: Configuration
    /// The API version every request uses.
    package let apiVersion: APIVersion
    let connector: DockerConnector

    /// Connects to the daemon: builds the TLS context (failing on bad certificates), pings the daemon and
    /// negotiates the API version with it.
    package static func connect(
        configuration: Configuration = Configuration(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> DockerClient {
        var sslContext: NIOSSLContext? = nil
        if case .tcp(_, _, true) = configuration.endpoint {
            sslContext = try (configuration.tls ?? DockerTLSConfiguration()).makeContext()
        }
        let connector = DockerConnector(
            endpoint: configuration.endpoint, sslContext: sslContext, eventLoopGroup: eventLoopGroup,
            connectTimeout: .init(configuration.connectTimeout), answerTimeout: .init(configuration.answerTimeout))
        let daemonVersion = try await negotiate(connector: connector, retry: configuration.retry)
        guard let version = APIVersion.negotiated(daemonVersion: daemonVersion) else {
            throw DockerError(
                .apiTooOld,
                "Docker daemon at \(configuration.endpoint) speaks API \(daemonVersion), older than the \(APIVersion.minimumSupported) Baktainer needs: upgrade Docker"
            )
        }
        return DockerClient(configuration: configuration, apiVersion: version, connector: connector)
    }

    /// Asks `/_ping` for the daemon's API version, falling back to `/version` for daemons that do not send
    /// the `Api-Version` header.
    private static func negotiate(connector: DockerConnector, retry: RetryPolicy) async throws -> APIVersion {
        let ping = try await retry.run {
            try await send(DockerRequest(method: "GET", path: "/_ping"), apiVersion: nil, connector: connector)
        }
        if let header = ping.head["Api-Version"], let version = APIVersion(header) {
            return version
        }
        let answer = try await retry.run {
            try await send(DockerRequest(method: "GET", path: "/version"), apiVersion: nil, connector: connector)
        }
        try answer.requireSuccess(resource: "the daemon version", endpoint: connector.endpoint)
        struct VersionAnswer: Decodable { var ApiVersion: String }
        let decoded = try answer.decode(VersionAnswer.self, endpoint: connector.endpoint)
        guard let version = APIVersion(decoded.ApiVersion) else {
            throw DockerError(.malformedResponse, "Docker daemon at \(connector.endpoint) reported an unreadable API version")
        }
        return version
    }

    /// Sends one ordinary request (with retries for transient failures) and returns the whole answer.
    func send(_ request: DockerRequest) async throws -> DockerAnswer {
        try await configuration.retry.run {
            try await Self.send(request, apiVersion: apiVersion, connector: connector)
        }
    }

    /// One attempt: connect, send, read until the daemon closes, parse. A 503 is a transient error.
    static func send(_ request: DockerRequest, apiVersion: APIVersion?, connector: DockerConnector) async throws(DockerError) -> DockerAnswer {
        let raw = try await connector.exchange(
            request.encoded(apiVersion: apiVersion?.description, host: connector.endpoint.hostHeader), limit: maximumAnswerSize)
        let answer = try DockerAnswer(parsing: raw, endpoint: connector.endpoint)
        if answer.head.status == 503 {
            throw DockerError(.serviceUnavailable, "Docker daemon at \(connector.endpoint) is unavailable (503): \(answer.daemonMessage)", httpStatus: 503)
        }
        return answer
    }
}
