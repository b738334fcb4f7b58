import NIOCore

/// Fails and closes a connection when the daemon sends nothing within `timeout` of connecting.
///
/// A daemon that is stopped (`SIGSTOP`) or wedged still accepts connections on its socket but never
/// answers; without this the request would hang forever. Once the first bytes arrive the handler steps out.
final class AnswerTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private let endpoint: DockerEndpoint
    private var scheduled: Scheduled<Void>?

    init(timeout: TimeAmount, endpoint: DockerEndpoint) {
        self.timeout = timeout
        self.endpoint = endpoint
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let message =
            "Docker daemon at \(endpoint) accepted the connection but did not answer within \(timeout.nanoseconds / 1_000_000_000) s: is it stopped or overloaded? (check `docker info`)"
        scheduled = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            let context = loopBoundContext.value
            context.fireErrorCaught(DockerError(.daemonNotAnswering, message))
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        scheduled?.cancel()
        scheduled = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        scheduled?.cancel()
        scheduled = nil
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
