import NIOCore

/// Splits the server's bytes into lines without their line ends (CRLF, or a bare LF). A line longer than any reply
/// should be (RFC 5321 4.5.3.1.5 allows 512 octets) is refused rather than buffered without end.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = String

    /// The longest line accepted, in octets.
    static let maximumLength = 4096

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let end = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLength {
                throw SMTPReply.Malformed(line: String(decoding: view.prefix(100), as: UTF8.self))
            }
            return .needMoreData
        }
        var line = view[view.startIndex..<end]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let text = String(decoding: line, as: UTF8.self)
        buffer.moveReaderIndex(forwardBy: view.distance(from: view.startIndex, to: end) + 1)
        context.fireChannelRead(wrapInboundOut(text))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
