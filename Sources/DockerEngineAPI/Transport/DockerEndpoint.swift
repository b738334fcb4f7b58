/// Where the Docker daemon listens: a unix socket, or a TCP address (optionally with TLS).
package enum DockerEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// A unix-domain socket at an absolute path, e.g. `/var/run/docker.sock`.
    case unixSocket(path: String)
    /// A TCP address; `tls` says whether the connection is wrapped in TLS.
    case tcp(host: String, port: Int, tls: Bool)

    /// The daemon's usual local socket.
    package static let defaultSocket = DockerEndpoint.unixSocket(path: "/var/run/docker.sock")

    /// Parses `unix:///path`, a bare absolute path, `tcp://host:port`, `http://host:port` or
    /// `https://host:port`. `tls` forces TLS on for `tcp://` (as `DOCKER_TLS_VERIFY`/`BT_SSL` do);
    /// `https://` always means TLS. A missing TCP port defaults to 2376 with TLS and 2375 without.
    package init(parsing text: String, tls: Bool = false) throws(DockerError) {
        let trimmed = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        if trimmed.hasPrefix("/") {
            self = .unixSocket(path: trimmed)
            return
        }
        guard let schemeEnd = trimmed.firstRange(of: "://") else {
            throw DockerError(
                .invalidEndpoint,
                "Docker endpoint '\(trimmed)' has no scheme: use unix:///var/run/docker.sock or tcp://host:2376")
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        let rest = String(trimmed[schemeEnd.upperBound...])
        switch scheme {
        case "unix":
            guard rest.hasPrefix("/") else {
                throw DockerError(.invalidEndpoint, "Docker endpoint '\(trimmed)' needs an absolute socket path, e.g. unix:///var/run/docker.sock")
            }
            self = .unixSocket(path: rest)
        case "tcp", "http", "https":
            let useTLS = scheme == "https" || (scheme == "tcp" && tls)
            let hostPort = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let (host, port) = try Self.splitHostPort(hostPort, defaultPort: useTLS ? 2376 : 2375, original: trimmed)
            self = .tcp(host: host, port: port, tls: useTLS)
        default:
            throw DockerError(.invalidEndpoint, "Docker endpoint '\(trimmed)' has unsupported scheme '\(scheme)': use unix:// or tcp://")
        }
    }

    private static func splitHostPort(_ text: String, defaultPort: Int, original: String) throws(DockerError) -> (String, Int) {
        var host = text
        var port = defaultPort
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {  // [IPv6]:port
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") {
                guard let parsed = Int(after.dropFirst()) else {
                    throw DockerError(.invalidEndpoint, "Docker endpoint '\(original)' has an invalid port")
                }
                port = parsed
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            guard let parsed = Int(text[text.index(after: colon)...]) else {
                throw DockerError(.invalidEndpoint, "Docker endpoint '\(original)' has an invalid port")
            }
            port = parsed
        }
        guard !host.isEmpty, (1...65535).contains(port) else {
            throw DockerError(.invalidEndpoint, "Docker endpoint '\(original)' needs a host and a port between 1 and 65535")
        }
        return (host, port)
    }

    /// The value sent in the HTTP `Host` header (Docker rejects requests without one).
    var hostHeader: String {
        switch self {
        case .unixSocket: "docker"
        case .tcp(let host, let port, _): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }

    package var description: String {
        switch self {
        case .unixSocket(let path): "unix://\(path)"
        case .tcp(_, _, let tls): "tcp://\(hostHeader)\(tls ? " (TLS)" : "")"
        }
    }
}
