#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import NIOSSL

extension DockerError {
    /// Translates a connection-level failure into an error that says what to check.
    static func transport(_ error: any Error, endpoint: DockerEndpoint) -> DockerError {
        if let error = error as? DockerError { return error }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first?.error {
                return transport(first, endpoint: endpoint)
            }
            if let dnsError = error.dnsAAAAError ?? error.dnsAError {
                return DockerError(.invalidEndpoint, "Docker host in \(endpoint) cannot be resolved (\(dnsError)): check the host name")
            }
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ENOENT:
                return DockerError(
                    .socketMissing, "no Docker socket at \(endpoint): is the Docker daemon running, and is the socket mounted into this container?")
            case EACCES, EPERM:
                return DockerError(
                    .permissionDenied, "permission denied on the Docker socket \(endpoint): run as root or as a member of the socket's group (often 'docker')")
            case ECONNREFUSED:
                return DockerError(.connectionRefused, "Docker daemon at \(endpoint) refused the connection: is it running?")
            case ECONNRESET, EPIPE:
                return DockerError(.connectionReset, "Docker daemon at \(endpoint) reset the connection")
            case ENOTSOCK:
                return DockerError(.socketMissing, "\(endpoint) is not a socket: point the Docker endpoint at the daemon's socket")
            default:
                return DockerError(.connectionRefused, "cannot connect to the Docker daemon at \(endpoint): \(error)")
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout:
                return DockerError(.daemonNotAnswering, "connecting to the Docker daemon at \(endpoint) timed out: check the address and any firewall")
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed:
                return DockerError(.connectionReset, "Docker daemon at \(endpoint) closed the connection unexpectedly")
            default:
                return DockerError(.connectionReset, "connection to the Docker daemon at \(endpoint) failed: \(error)")
            }
        }
        if let error = error as? NIOSSLError {
            return DockerError(
                .tlsHandshakeFailed,
                "TLS with the Docker daemon at \(endpoint) failed: \(Self.describe(error)) — check the CA, client certificate and key settings")
        }
        // With TLS 1.3 the daemon judges the client certificate after the client has finished its side of
        // the handshake, so its refusal (a bad_certificate alert) arrives as a plain BoringSSL error on the
        // first read. It is no transient reset: retrying cannot help.
        if let error = error as? BoringSSLError {
            return DockerError(
                .tlsHandshakeFailed,
                "TLS with the Docker daemon at \(endpoint) failed: \(Self.describe(error)) — check the CA, client certificate and key settings")
        }
        if let error = error as? NIOSSLExtraError {
            return DockerError(
                .tlsHandshakeFailed, "TLS with the Docker daemon at \(endpoint) failed: \(error) — does the daemon's certificate name this host?")
        }
        return DockerError(.connectionReset, "talking to the Docker daemon at \(endpoint) failed: \(error)")
    }

    private static func describe(_ error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let boringError):
            "handshake failed: \(describe(boringError))"
        case .uncleanShutdown:
            "the daemon closed the connection during the handshake (it may require a client certificate, or not speak TLS)"
        default:
            "\(error)"
        }
    }

    /// Says in words what the common BoringSSL failures mean, keeping BoringSSL's own text for the rest.
    private static func describe(_ error: BoringSSLError) -> String {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the daemon's certificate could not be verified: it is not signed by the configured CA, has expired, or does not name this host (\(text))"
        }
        if text.contains("ALERT_CERTIFICATE_REQUIRED") || text.contains("ALERT_BAD_CERTIFICATE") || text.contains("ALERT_UNKNOWN_CA") {
            return "the daemon rejected the client certificate: none was sent, or it is not signed by a CA the daemon trusts (\(text))"
        }
        if text.contains("WRONG_VERSION_NUMBER") {
            return "the daemon does not speak TLS on this port (\(text))"
        }
        return text
    }
}
