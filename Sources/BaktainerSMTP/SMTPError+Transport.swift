#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix
import NIOSSL

extension SMTPError {
    /// Translates a failure below SMTP during `step` (connecting, TLS, a timeout, a garbled reply, a closed
    /// connection) into an error that names the server and what to check.
    static func transport(_ error: any Error, _ settings: SMTPSettings, during step: String) -> SMTPError {
        let server = "SMTP server \(settings.endpoint)"
        switch error {
        case let error as SMTPError:
            return error
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first?.error { return transport(first, settings, during: step) }
            return SMTPError(.unreachable, "\(server) cannot be resolved: check the host name", cause: error)
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return SMTPError(.unreachable, "\(server) refused the connection: is it running, and is the port right?", cause: error)
        case let error as IOError where step == "connecting":
            return SMTPError(.unreachable, "cannot connect to \(server): \(error)", cause: error)
        case ChannelError.connectTimeout:
            return SMTPError(
                .timeout, "connecting to \(server) took longer than \(seconds(settings.timeout)): check the host, the port and any firewall", cause: error)
        case is SMTPReplyHandler.Timeout:
            let hint =
                step == "the greeting" && settings.security != .implicitTLS
                ? ": is it an SMTP server? One that expects TLS from the first byte (usually port 465) needs implicit TLS (smtps://)" : ""
            return SMTPError(.timeout, "\(server) did not answer \(step) within \(seconds(settings.timeout))\(hint)", cause: error)
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return SMTPError(.tls, "TLS with \(server) failed (\(step)): \(describe(error, settings))", cause: error)
        case let error as SMTPReply.Malformed:
            return SMTPError(.protocolError, "\(server) answered \(step) with something that is not SMTP: '\(error.line)'", cause: error)
        case is SMTPReplyHandler.Closed, ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof:
            return SMTPError(.protocolError, "\(server) closed the connection during \(step)", cause: error)
        default:
            return SMTPError(.protocolError, "talking to \(server) failed during \(step): \(error)", cause: error)
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        "\(duration.components.seconds) s"
    }

    /// Says in words what the common TLS failures mean (the cause keeps the library's text), and what to change.
    private static func describe(_ error: any Error, _ settings: SMTPSettings) -> String {
        let text = "\(error)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") || error is NIOSSLExtraError {
            return
                "its certificate is not trusted: it is not signed by a trusted CA, has expired, or does not name \(settings.host); "
                + "give the CA that signed it, or turn certificate verification off only if you must"
        }
        if text.contains("WRONG_VERSION_NUMBER") {
            let hint = settings.security == .implicitTLS ? ": a server that starts in plain text (usually port 587) needs STARTTLS" : ""
            return "the server does not speak TLS here\(hint)"
        }
        return text
    }
}
