import NIOCore
import NIOSSH

/// Turns an SSH session channel's data messages into plain bytes and back (standard error is dropped: the sftp
/// subsystem does not use it), and the answer to the `subsystem` request into success or an error.
final class SSHChannelDataCodec: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = SSHChannelData

    private var subsystemReply: EventLoopPromise<Void>?

    /// Asks for the `sftp` subsystem on the channel; the future completes with the server's answer.
    func requestSubsystem(context channel: Channel) -> EventLoopFuture<Void> {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        subsystemReply = promise
        channel.triggerUserOutboundEvent(SSHChannelRequestEvent.SubsystemRequest(subsystem: "sftp", wantReply: true), promise: nil)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard message.type == .channel, case .byteBuffer(let bytes) = message.data else { return }
        context.fireChannelRead(wrapInboundOut(bytes))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(unwrapOutboundIn(data)))), promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelSuccessEvent:
            subsystemReply?.succeed()
            subsystemReply = nil
        case is ChannelFailureEvent:
            subsystemReply?.fail(SFTPError(.unsupported, "the server offers no sftp subsystem: enable it in sshd_config (Subsystem sftp internal-sftp)"))
            subsystemReply = nil
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        subsystemReply?.fail(SFTPError(.connectionLost, "the server closed the session before starting sftp"))
        subsystemReply = nil
        context.fireChannelInactive()
    }
}
