import NIOCore

/// Splits Docker's multiplexed attach stream into stdout and stderr payloads.
///
/// Docker frames each write of a non-TTY exec as an 8-byte header — stream kind (0 stdin, 1 stdout,
/// 2 stderr), three zero bytes, a big-endian `UInt32` payload length — followed by the payload. This type
/// consumes arbitrary chunks of that stream and returns payload slices without copying them; a payload
/// split across chunks comes out in pieces, and a header split across chunks is reassembled.
package struct StreamDemultiplexer: Sendable {
    /// Which stream a payload belongs to.
    package enum Stream: UInt8, Sendable, Equatable {
        case stdin = 0
        case stdout = 1
        case stderr = 2
    }

    private var partialHeader: [UInt8] = []
    private var current: Stream = .stdout
    private var remainingPayload = 0

    /// Creates a demultiplexer at the start of a stream.
    package init() {}

    /// Whether the stream may end here: no frame is half-read.
    package var isAtFrameBoundary: Bool { partialHeader.isEmpty && remainingPayload == 0 }

    /// Takes the next payload slice out of `input`, or returns nil once `input` is used up.
    ///
    /// Throws ``DockerError/Code/malformedResponse`` for a header whose stream kind is not 0, 1 or 2.
    package mutating func next(from input: inout ByteBuffer) throws(DockerError) -> (Stream, ByteBuffer)? {
        while true {
            if remainingPayload > 0 {
                guard input.readableBytes > 0 else { return nil }
                let count = min(remainingPayload, input.readableBytes)
                remainingPayload -= count
                return (current, input.readSlice(length: count)!)
            }
            guard input.readableBytes > 0 else { return nil }
            if partialHeader.isEmpty, input.readableBytes >= 8 {
                let kind = input.readInteger(as: UInt8.self)!
                input.moveReaderIndex(forwardBy: 3)
                let length = input.readInteger(endianness: .big, as: UInt32.self)!
                try begin(kind: kind, length: length)
            } else {
                let needed = 8 - partialHeader.count
                let take = min(needed, input.readableBytes)
                partialHeader += input.readBytes(length: take)!
                guard partialHeader.count == 8 else { return nil }
                let header = partialHeader
                partialHeader = []
                let length = UInt32(header[4]) << 24 | UInt32(header[5]) << 16 | UInt32(header[6]) << 8 | UInt32(header[7])
                try begin(kind: header[0], length: length)
            }
        }
    }

    private mutating func begin(kind: UInt8, length: UInt32) throws(DockerError) {
        guard let stream = Stream(rawValue: kind) else {
            throw DockerError(.malformedResponse, "Docker sent an exec stream frame of unknown kind \(kind); was the exec started with a TTY?")
        }
        current = stream
        remainingPayload = Int(length)
    }
}
