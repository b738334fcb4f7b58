import NIOCore

/// Collects every byte of a short response until the daemon closes the connection.
///
/// Used for ordinary API calls (`Connection: close`), whose answers are small JSON documents. Completion
/// does not depend on Swift task cancellation, which lets clean-up requests run after a cancelled backup.
final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<ByteBuffer>
    private let limit: Int
    private var collected = ByteBuffer()
    private var isCompleted = false

    init(promise: EventLoopPromise<ByteBuffer>, limit: Int) {
        self.promise = promise
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard collected.readableBytes + buffer.readableBytes <= limit else {
            fail(DockerError(.responseTooLarge, "Docker daemon answer exceeded \(limit) bytes"))
            context.close(promise: nil)
            return
        }
        collected.writeBuffer(&buffer)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !isCompleted {
            isCompleted = true
            promise.succeed(collected)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    /// A channel that never became active (its connect failed) still completes the promise.
    func handlerRemoved(context: ChannelHandlerContext) {
        fail(ChannelError.ioOnClosedChannel)
    }

    private func fail(_ error: any Error) {
        guard !isCompleted else { return }
        isCompleted = true
        promise.fail(error)
    }
}
