import NIOCore
import NIOPosix
import NIOSSL

/// One connection to the SMTP server: writes commands, awaits each reply within the settings' timeout, and
/// upgrades to TLS after STARTTLS. Every failure is an ``SMTPError`` that names the step.
struct SMTPConnection: Sendable {
    /// The connection.
    let channel: any Channel
    /// The server and how to talk to it.
    let settings: SMTPSettings
    /// The TLS context for implicit TLS or STARTTLS; nil for ``SMTPSecurity/none``.
    let tls: NIOSSLContext?
    /// The handler that pairs replies with commands; it keeps the first error even after it left the pipeline.
    let replies: NIOLoopBound<SMTPReplyHandler>

    /// Connects (with TLS from the first byte for ``SMTPSecurity/implicitTLS``); the greeting is the first reply.
    static func open(_ settings: SMTPSettings, tls: NIOSSLContext?, on group: any EventLoopGroup) async throws(SMTPError) -> SMTPConnection {
        let implicitTLS = settings.security == .implicitTLS ? tls : nil
        let serverHostname = Self.serverHostname(settings.host)
        let bootstrap = ClientBootstrap(group: group).connectTimeout(TimeAmount(settings.timeout))
        do {
            let (channel, replies) = try await bootstrap.connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: implicitTLS, serverHostname: serverHostname))
                    }
                    let replies = SMTPReplyHandler()
                    try channel.pipeline.syncOperations.addHandlers(ByteToMessageHandler(SMTPLineDecoder()), replies)
                    return (channel, NIOLoopBound(replies, eventLoop: channel.eventLoop))
                }
            }
            return SMTPConnection(channel: channel, settings: settings, tls: tls, replies: replies)
        } catch {
            throw SMTPError.transport(error, settings, during: "connecting")
        }
    }

    /// Sends `command` (nil: nothing, for the greeting) and returns the server's reply. `step` names the command in
    /// errors (so that an AUTH line's secret never appears in them).
    func reply(to command: String?, step: String? = nil, timeout: Duration? = nil) async throws(SMTPError) -> SMTPReply {
        let reply = channel.eventLoop.makePromise(of: SMTPReply.self)
        let written = channel.eventLoop.makePromise(of: Void.self)
        // A write that never reaches the handler (the connection closed, and the handler left the pipeline) fails
        // the reply too, with the error that closed the connection (a TLS handshake's, say) when there was one.
        written.futureResult.whenFailure { [replies] in reply.fail(replies.value.failure ?? $0) }
        let exchange = SMTPReplyHandler.Exchange(
            bytes: command.map { ByteBuffer(string: $0.hasSuffix("\r\n") ? $0 : "\($0)\r\n") }, timeout: TimeAmount(timeout ?? settings.timeout),
            reply: reply)
        channel.writeAndFlush(exchange, promise: written)
        do {
            return try await reply.futureResult.get()
        } catch {
            throw SMTPError.transport(error, settings, during: step ?? command ?? "the greeting")
        }
    }

    /// Starts TLS on the connection (after the server's 220 to STARTTLS); the next command goes encrypted.
    func startTLS() async throws(SMTPError) {
        guard let tls else { throw SMTPError(.tls, "no TLS context for STARTTLS with SMTP server \(settings.endpoint)") }
        let serverHostname = Self.serverHostname(settings.host)
        let endpoint = settings.endpoint
        do {
            try await channel.eventLoop.submit { [channel, replies] in
                guard replies.value.isDrained else {
                    throw SMTPError(
                        .protocolError,
                        "SMTP server \(endpoint) sent more after its reply to STARTTLS: refused, as it may be an injection attack"
                    )
                }
                try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverHostname), position: .first)
            }.get()
        } catch {
            throw SMTPError.transport(error, settings, during: "STARTTLS")
        }
    }

    /// Says QUIT (when the connection is still open; its reply is awaited at most 5 s) and closes the connection.
    func quitAndClose() async {
        if channel.isActive {
            _ = try? await reply(to: "QUIT", timeout: min(settings.timeout, .seconds(5)))
        }
        try? await channel.close()
    }

    /// The name for SNI and certificate checks: nil for an IP address (NIOSSL checks the peer's address then).
    private static func serverHostname(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }
}
