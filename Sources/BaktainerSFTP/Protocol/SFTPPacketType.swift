/// The SFTP version 3 packet types Baktainer sends and reads (draft-ietf-secsh-filexfer-02, section 3).
package enum SFTPPacketType: UInt8, Sendable {
    case initialize = 1
    case version = 2
    case open = 3
    case close = 4
    case read = 5
    case write = 6
    case fstat = 8
    case opendir = 11
    case readdir = 12
    case remove = 13
    case mkdir = 14
    case rmdir = 15
    case stat = 17
    case rename = 18
    case status = 101
    case handle = 102
    case data = 103
    case name = 104
    case attributes = 105
    case extended = 200
    case extendedReply = 201
}

/// `SSH_FXF_*` flags of an open request.
package struct SFTPOpenFlags: OptionSet, Sendable {
    package let rawValue: UInt32
    package init(rawValue: UInt32) { self.rawValue = rawValue }

    package static let read = SFTPOpenFlags(rawValue: 0x01)
    package static let write = SFTPOpenFlags(rawValue: 0x02)
    package static let create = SFTPOpenFlags(rawValue: 0x08)
    package static let truncate = SFTPOpenFlags(rawValue: 0x10)
    package static let exclusive = SFTPOpenFlags(rawValue: 0x20)
}
