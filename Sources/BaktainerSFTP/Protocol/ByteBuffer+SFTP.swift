import NIOCore

extension ByteBuffer {
    /// Appends an SSH `string`: a 32-bit length, then the bytes.
    package mutating func writeSFTPString(_ string: String) {
        writeInteger(UInt32(string.utf8.count))
        writeString(string)
    }

    /// Appends an SSH `string` of raw bytes.
    package mutating func writeSFTPBytes(_ bytes: some Collection<UInt8>) {
        writeInteger(UInt32(bytes.count))
        writeBytes(bytes)
    }

    /// Appends an SSH `string` holding `buffer`'s readable bytes.
    package mutating func writeSFTPBuffer(_ buffer: ByteBuffer) {
        writeInteger(UInt32(buffer.readableBytes))
        writeImmutableBuffer(buffer)
    }

    /// Reads an SSH `string` as a buffer slice; nil when the buffer ends early.
    package mutating func readSFTPBytes() -> ByteBuffer? {
        guard let length = getInteger(at: readerIndex, as: UInt32.self), readableBytes >= 4 + Int(length) else { return nil }
        moveReaderIndex(forwardBy: 4)
        return readSlice(length: Int(length))
    }

    /// Reads an SSH `string` as text (UTF-8, invalid bytes replaced); nil when the buffer ends early.
    package mutating func readSFTPString() -> String? {
        readSFTPBytes().map { String(buffer: $0) }
    }
}
