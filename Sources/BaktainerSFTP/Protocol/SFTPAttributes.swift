import NIOCore

/// The file attributes of SFTP version 3 (`ATTRS`, section 5 of the draft): the fields Baktainer uses.
package struct SFTPAttributes: Sendable, Equatable {
    /// The size in bytes, when the server sent it.
    package var size: UInt64?
    /// The POSIX mode bits (type and permissions), when sent.
    package var permissions: UInt32?

    /// Creates attributes.
    package init(size: UInt64? = nil, permissions: UInt32? = nil) {
        self.size = size
        self.permissions = permissions
    }

    /// Whether the mode says directory.
    package var isDirectory: Bool { permissions.map { $0 & 0o170000 == 0o040000 } ?? false }
    /// Whether the mode says regular file.
    package var isRegularFile: Bool { permissions.map { $0 & 0o170000 == 0o100000 } ?? false }

    private static let sizeFlag: UInt32 = 0x1
    private static let ownerFlag: UInt32 = 0x2
    private static let permissionsFlag: UInt32 = 0x4
    private static let timesFlag: UInt32 = 0x8
    private static let extendedFlag: UInt32 = 0x8000_0000

    /// Appends the encoded attributes to `buffer`.
    package func write(to buffer: inout ByteBuffer) {
        var flags: UInt32 = 0
        if size != nil { flags |= Self.sizeFlag }
        if permissions != nil { flags |= Self.permissionsFlag }
        buffer.writeInteger(flags)
        if let size { buffer.writeInteger(size) }
        if let permissions { buffer.writeInteger(permissions) }
    }

    /// Reads encoded attributes from `buffer`; nil when the buffer ends early.
    package static func read(from buffer: inout ByteBuffer) -> SFTPAttributes? {
        guard let flags = buffer.readInteger(as: UInt32.self) else { return nil }
        var attributes = SFTPAttributes()
        if flags & sizeFlag != 0 {
            guard let size = buffer.readInteger(as: UInt64.self) else { return nil }
            attributes.size = size
        }
        if flags & ownerFlag != 0 {
            guard buffer.readInteger(as: UInt32.self) != nil, buffer.readInteger(as: UInt32.self) != nil else { return nil }
        }
        if flags & permissionsFlag != 0 {
            guard let permissions = buffer.readInteger(as: UInt32.self) else { return nil }
            attributes.permissions = permissions
        }
        if flags & timesFlag != 0 {
            guard buffer.readInteger(as: UInt32.self) != nil, buffer.readInteger(as: UInt32.self) != nil else { return nil }
        }
        if flags & extendedFlag != 0 {
            guard let count = buffer.readInteger(as: UInt32.self) else { return nil }
            for _ in 0..<count {
                guard buffer.readSFTPBytes() != nil, buffer.readSFTPBytes() != nil else { return nil }
            }
        }
        return attributes
    }
}
