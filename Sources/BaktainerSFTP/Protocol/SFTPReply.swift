import NIOCore

/// A reply packet from the server, read by what the request expects.
package struct SFTPReply: Sendable {
    /// The packet type.
    package let type: UInt8
    /// What follows the request id.
    package let payload: ByteBuffer

    /// Reads a reply packet (type, request id, payload).
    package init(_ packet: ByteBuffer) {
        var packet = packet
        type = packet.readInteger(as: UInt8.self) ?? 0
        _ = packet.readInteger(as: UInt32.self)
        payload = packet
    }

    /// The status code when this is a status reply.
    package var statusCode: SFTPError.Code? {
        guard type == SFTPPacketType.status.rawValue, let code = payload.getInteger(at: payload.readerIndex, as: UInt32.self) else { return nil }
        return SFTPError.Code(rawValue: code) ?? .failure
    }

    /// The error a status reply other than OK stands for, for `action` ("write /srv/x").
    package func failure(_ action: String) -> SFTPError {
        var payload = payload
        guard type == SFTPPacketType.status.rawValue, let raw = payload.readInteger(as: UInt32.self) else {
            return SFTPError(.badMessage, "cannot \(action): the server sent an unexpected reply (type \(type))")
        }
        let code = SFTPError.Code(rawValue: raw) ?? .failure
        let message = payload.readSFTPString().flatMap { $0.isEmpty ? nil : $0 } ?? "status \(raw)"
        let hint =
            switch code {
            case .noSuchFile: " (no such file or directory)"
            case .permissionDenied: " (check the user's rights on BT_SFTP_PATH)"
            case .failure: " (OpenSSH answers this when the server's disk is full, among other things)"
            default: ""
            }
        return SFTPError(code, "cannot \(action): the server answered '\(message)'\(hint)")
    }

    /// Throws unless this is an OK status.
    package func expectOK(_ action: String) throws {
        guard statusCode == .ok else { throw failure(action) }
    }

    /// The handle of a handle reply.
    package func handle(_ action: String) throws -> ByteBuffer {
        var payload = payload
        guard type == SFTPPacketType.handle.rawValue, let handle = payload.readSFTPBytes() else { throw failure(action) }
        return handle
    }

    /// The bytes of a data reply; nil at the end of the file.
    package func data(_ action: String) throws -> ByteBuffer? {
        if statusCode == .endOfFile { return nil }
        var payload = payload
        guard type == SFTPPacketType.data.rawValue, let data = payload.readSFTPBytes() else { throw failure(action) }
        return data
    }

    /// The attributes of an attributes reply.
    package func attributes(_ action: String) throws -> SFTPAttributes {
        var payload = payload
        guard type == SFTPPacketType.attributes.rawValue, let attributes = SFTPAttributes.read(from: &payload) else { throw failure(action) }
        return attributes
    }

    /// The entries of a name reply.
    package func names(_ action: String) throws -> [(name: String, attributes: SFTPAttributes)] {
        var payload = payload
        guard type == SFTPPacketType.name.rawValue, let count = payload.readInteger(as: UInt32.self) else { throw failure(action) }
        var entries: [(name: String, attributes: SFTPAttributes)] = []
        for _ in 0..<count {
            guard let name = payload.readSFTPString(), payload.readSFTPBytes() != nil, let attributes = SFTPAttributes.read(from: &payload) else {
                throw SFTPError(.badMessage, "cannot \(action): the server sent a malformed directory listing")
            }
            entries.append((name, attributes))
        }
        return entries
    }
}
