import NIOCore

/// Splits the bytes of an SFTP session into packets: each is a 32-bit length and that many bytes (type, request
/// id, payload). Emits the packet without its length. A length beyond ``maximumPacketLength`` is a protocol error.
package struct SFTPFrameDecoder: ByteToMessageDecoder {
    package typealias InboundOut = ByteBuffer

    /// The largest packet accepted (OpenSSH's sftp-server sends at most 256 KiB; a data reply carries a read's
    /// bytes plus a few headers).
    package static let maximumPacketLength = 1 << 20

    package init() {}

    package mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let packet = try decodePacket(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(packet))
        return .continue
    }

    /// Takes the next whole packet (without its length) off the front of `buffer`; nil until one has arrived.
    package func decodePacket(_ buffer: inout ByteBuffer) throws -> ByteBuffer? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else { return nil }
        guard length >= 1, Int(length) <= Self.maximumPacketLength else { throw SFTPError(.badMessage, "the server sent a packet of \(length) bytes") }
        guard buffer.readableBytes >= 4 + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        return buffer.readSlice(length: Int(length))
    }

    package mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
