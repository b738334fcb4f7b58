import BaktainerSFTP
import NIOCore
import Testing

@Suite struct SFTPProtocolTests {
    @Test func attributesRoundTripAndSkipTheFieldsNotKept() throws {
        var buffer = ByteBuffer()
        SFTPAttributes(size: 1 << 40, permissions: 0o100600).write(to: &buffer)
        #expect(SFTPAttributes.read(from: &buffer) == SFTPAttributes(size: 1 << 40, permissions: 0o100600))
        // size, uid/gid, permissions, times and one extended pair, as OpenSSH sends a directory's.
        var full = ByteBuffer()
        full.writeInteger(UInt32(0x8000_000F))
        full.writeInteger(UInt64(4096))
        full.writeInteger(UInt32(0))
        full.writeInteger(UInt32(0))
        full.writeInteger(UInt32(0o040755))
        full.writeInteger(UInt32(1))
        full.writeInteger(UInt32(2))
        full.writeInteger(UInt32(1))
        full.writeSFTPString("name@example")
        full.writeSFTPString("data")
        full.writeInteger(UInt8(7))
        let attributes = try #require(SFTPAttributes.read(from: &full))
        #expect(attributes.isDirectory && !attributes.isRegularFile && attributes.size == 4096)
        #expect(full.readInteger(as: UInt8.self) == 7)
    }

    @Test func truncatedAttributesReadAsNil() {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(0x1))
        buffer.writeInteger(UInt32(1))
        #expect(SFTPAttributes.read(from: &buffer) == nil)
    }

    @Test func aStatusReplyTellsWhatFailedTheServersWordsAndAHint() {
        let reply = SFTPReply(
            packet(.status) {
                $0.writeInteger(UInt32(4))
                $0.writeSFTPString("Failure")
                $0.writeSFTPString("")
            })
        #expect(reply.statusCode == .failure)
        let error = reply.failure("write /srv/x")
        #expect(error.code == .failure)
        #expect(error.message.contains("cannot write /srv/x: the server answered 'Failure'"))
        #expect(error.message.contains("disk is full"))
        #expect(throws: SFTPError.self) { try reply.expectOK("write /srv/x") }
    }

    @Test func handleDataAndNameRepliesRead() throws {
        let handle = SFTPReply(packet(.handle) { $0.writeSFTPString("h1") })
        #expect(try String(buffer: handle.handle("open")) == "h1")
        let data = SFTPReply(packet(.data) { $0.writeSFTPString("bytes") })
        #expect(try data.data("read").map { String(buffer: $0) } == "bytes")
        let end = SFTPReply(
            packet(.status) {
                $0.writeInteger(UInt32(1))
                $0.writeSFTPString("EOF")
                $0.writeSFTPString("")
            })
        #expect(try end.data("read") == nil)
        let names = SFTPReply(
            packet(.name) {
                $0.writeInteger(UInt32(2))
                for name in ["2026-12-02", "x.sql"] {
                    $0.writeSFTPString(name)
                    $0.writeSFTPString("drwx------ long name")
                    SFTPAttributes(permissions: 0o040700).write(to: &$0)
                }
            })
        #expect(try names.names("list").map(\.name) == ["2026-12-02", "x.sql"])
        // A reply of another kind than expected is an error naming the action, never a crash.
        #expect(throws: SFTPError.self) { try names.handle("open /x") }
    }

    @Test func theFrameDecoderSplitsPacketsWhateverTheChunking() throws {
        var stream = ByteBuffer()
        for payload in ["first", "second packet", "3"] {
            stream.writeInteger(UInt32(payload.utf8.count))
            stream.writeString(payload)
        }
        let decoder = SFTPFrameDecoder()
        var packets: [String] = []
        var pending = ByteBuffer()
        // One byte at a time: the worst chunking.
        for byte in stream.readableBytesView {
            pending.writeInteger(byte)
            while let packet = try decoder.decodePacket(&pending) { packets.append(String(buffer: packet)) }
        }
        #expect(packets == ["first", "second packet", "3"])
    }

    @Test func anOversizedPacketIsAProtocolError() {
        var buffer = ByteBuffer()
        buffer.writeInteger(UInt32(SFTPFrameDecoder.maximumPacketLength + 1))
        let decoder = SFTPFrameDecoder()
        #expect(throws: SFTPError.self) { _ = try decoder.decodePacket(&buffer) }
    }

    private func packet(_ type: SFTPPacketType, id: UInt32 = 9, _ body: (inout ByteBuffer) -> Void) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(type.rawValue)
        buffer.writeInteger(id)
        body(&buffer)
        return buffer
    }
}
