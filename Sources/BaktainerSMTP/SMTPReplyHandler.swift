import NIOCore

/// Pairs the server's replies with the exchanges written, in order. Each exchange has its own deadline: a reply
/// not received in time fails with ``Timeout`` and closes the connection, and so does any error in the pipeline
/// (TLS, a malformed reply), failing every exchange still waiting. A reply that comes before its exchange is
/// written (the greeting) is kept for it.
final class SMTPReplyHandler: ChannelDuplexHandler {
    typealias InboundIn = String
    typealias OutboundIn = Exchange
    typealias OutboundOut = ByteBuffer

    /// Bytes to send (nil: nothing, only await the next reply) and the promise of the reply to them.
    struct Exchange: Sendable {
        /// The command (or the DATA section), line ends included.
        var bytes: ByteBuffer?
        /// How long the reply may take.
        var timeout: TimeAmount
        /// Completed with the reply, or failed.
        var reply: EventLoopPromise<SMTPReply>
    }

    /// No reply came within an exchange's timeout.
    struct Timeout: Error {}
    /// The connection closed before the reply came.
    struct Closed: Error {}

    private var reader = SMTPReply.Reader()
    private var received: [SMTPReply] = []
    private var waiting: [(reply: EventLoopPromise<SMTPReply>, deadline: Scheduled<Void>)] = []
    /// The first error seen (a closed connection's, when there was none before): every later exchange fails with it.
    private(set) var failure: (any Error)?

    /// Whether nothing was received beyond the replies awaited. Checked before TLS starts: bytes that came in plain
    /// text must not pass for replies over TLS (RFC 3207 6).
    var isDrained: Bool { received.isEmpty && !reader.isPartial }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        if let failure {
            exchange.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        let deadline = context.eventLoop.assumeIsolated().scheduleTask(in: exchange.timeout) { self.fail(Timeout(), context: context) }
        waiting.append((exchange.reply, deadline))
        if let bytes = exchange.bytes {
            context.write(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed()
        }
        deliver()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            if let reply = try reader.read(unwrapInboundIn(data)) {
                received.append(reply)
                deliver()
            }
        } catch {
            fail(error, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failWaiting(Closed())
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failWaiting(Closed())
    }

    private func deliver() {
        while !received.isEmpty, !waiting.isEmpty {
            let next = waiting.removeFirst()
            next.deadline.cancel()
            next.reply.succeed(received.removeFirst())
        }
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        failWaiting(error)
        context.close(promise: nil)
    }

    /// Fails every exchange waiting, and every later one, with the first error seen.
    private func failWaiting(_ error: any Error) {
        if failure == nil { failure = error }
        for next in waiting {
            next.deadline.cancel()
            next.reply.fail(failure!)
        }
        waiting = []
    }
}
