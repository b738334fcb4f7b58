import NIOCore

/// The end of an SFTP session's pipeline: numbers requests, sends them, and completes each request's future with
/// its reply (type byte onwards), whatever order replies come in. When the session ends, every open request fails.
/// Lives on its channel's event loop; ``SFTPClient`` reaches it there.
final class SFTPSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?
    private var pending: [UInt32: EventLoopPromise<ByteBuffer>] = [:]
    private var nextID: UInt32 = 1
    private var ended: SFTPError?
    /// The reply to `SSH_FXP_INIT` has no request id; it is kept under this one, which requests never use.
    private static let initID: UInt32 = 0

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// Sends a request of `type` with `body` (what follows the request id); the future holds the reply.
    func send(_ type: SFTPPacketType, _ body: ByteBuffer, on eventLoop: EventLoop) -> EventLoopFuture<ByteBuffer> {
        let id = nextID
        nextID = nextID == UInt32.max ? 1 : nextID + 1
        return send(type, id: id, body, on: eventLoop)
    }

    /// Sends `SSH_FXP_INIT` for version 3; the future holds the `SSH_FXP_VERSION` reply.
    func start(on eventLoop: EventLoop) -> EventLoopFuture<ByteBuffer> {
        send(.initialize, id: Self.initID, ByteBuffer(), on: eventLoop)
    }

    private func send(_ type: SFTPPacketType, id: UInt32, _ body: ByteBuffer, on eventLoop: EventLoop) -> EventLoopFuture<ByteBuffer> {
        guard let context, ended == nil else {
            return eventLoop.makeFailedFuture(ended ?? SFTPError(.noConnection, "the sftp session is not open"))
        }
        let promise = eventLoop.makePromise(of: ByteBuffer.self)
        pending[id] = promise
        var frame = context.channel.allocator.buffer(capacity: 9 + body.readableBytes)
        frame.writeInteger(UInt32(5 + body.readableBytes))
        frame.writeInteger(type.rawValue)
        frame.writeInteger(type == .initialize ? 3 : id)  // INIT carries the version where others carry the id
        frame.writeImmutableBuffer(body)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let packet = unwrapInboundIn(data)
        guard let type = packet.getInteger(at: packet.readerIndex, as: UInt8.self) else { return }
        let id = type == SFTPPacketType.version.rawValue ? Self.initID : packet.getInteger(at: packet.readerIndex + 1, as: UInt32.self)
        guard let id, let promise = pending.removeValue(forKey: id) else { return }
        promise.succeed(packet)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        end(error as? SFTPError ?? SFTPError(.connectionLost, "the sftp session failed: \(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(SFTPError(.connectionLost, "the server closed the connection"))
        context.fireChannelInactive()
    }

    private func end(_ error: SFTPError) {
        if ended == nil { ended = error }
        let waiting = pending
        pending = [:]
        for promise in waiting.values { promise.fail(ended ?? error) }
    }
}
