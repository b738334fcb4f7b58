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

    init(promise: EventLoopPromise<ByteBuffer>, limit: Int) {
        self.promise = promise
        self.limit = limit
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard collected.readableBytes + buffer.readableBytes <= limit else {
            promise.fail(DockerError(.responseTooLarge, "Docker daemon answer exceeded \(limit) bytes"))
            context.close(promise: nil)
            return
        }
        collected.writeBuffer(&buffer)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.succeed(collected)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}
