import BaktainerCore
import NIOCore
import NIOPosix
import NIOSSH
import Synchronization

/// One SFTP (version 3) session over its own SSH connection: SwiftNIO SSH for the transport, the file operations a
/// destination needs on top. Requests may be in flight together (``writeFuture(_:offset:data:)``,
/// ``readFuture(_:offset:length:)``); replies are matched by request id. ``close()`` ends the connection.
///
/// Errors are ``SFTPError``s that say what failed and, for connection and login, what to fix.
package struct SFTPClient: Sendable {
    private let connection: any Channel
    private let session: any Channel
    private let handler: NIOLoopBound<SFTPSessionHandler>
    /// The extensions the server announced (`posix-rename@openssh.com`, `fsync@openssh.com`, …), name to data.
    package let extensions: [String: String]

    /// Connects, checks the host key, logs in and starts the `sftp` subsystem, within `timeout`.
    package static func connect(
        _ settings: SFTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, timeout: TimeAmount = .seconds(30)
    ) async throws -> SFTPClient {
        let hostKeys = HostKeyVerifier(policy: settings.hostKeys, host: settings.host, port: settings.port)
        let authenticator = UserAuthenticator(user: settings.user, key: settings.privateKey, password: settings.password)
        let connection: any Channel
        do {
            connection = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(10))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let configuration = SSHClientConfiguration(userAuthDelegate: authenticator, serverAuthDelegate: hostKeys)
                        try channel.pipeline.syncOperations.addHandlers([
                            IdleStateHandler(readTimeout: .seconds(120)),
                            NIOSSHHandler(role: .client(configuration), allocator: channel.allocator, inboundChildChannelInitializer: nil),
                            ConnectionCloser(),
                        ])
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SFTPError(
                .noConnection, "cannot connect to \(settings.host):\(settings.port) (\(error)): check BT_SFTP_HOST and BT_SFTP_PORT and that the server is up")
        }
        let timedOut = Mutex(false)
        let deadline = connection.eventLoop.scheduleTask(in: timeout) {
            timedOut.withLock { $0 = true }
            connection.close(promise: nil)
        }
        defer { deadline.cancel() }
        do {
            let (session, version, handler) = try await startSession(on: connection).get()
            return SFTPClient(connection: connection, session: session, handler: handler, extensions: try Self.extensions(in: version))
        } catch {
            try? await connection.close()
            if let reason = hostKeys.refused ?? authenticator.refused { throw SFTPError(.noConnection, reason) }
            if timedOut.withLock({ $0 }) {
                throw SFTPError(
                    .noConnection, "\(settings.host):\(settings.port) did not finish the SSH handshake within \(timeout.nanoseconds / 1_000_000_000) s")
            }
            throw (error as? SFTPError) ?? SFTPError(.noConnection, "the SSH session with \(settings.host):\(settings.port) failed: \(error)")
        }
    }

    /// Opens a session channel, asks for the `sftp` subsystem and exchanges INIT and VERSION.
    private static func startSession(on connection: any Channel) -> EventLoopFuture<(any Channel, ByteBuffer, NIOLoopBound<SFTPSessionHandler>)> {
        connection.eventLoop.flatSubmit {
            let created = connection.eventLoop.makePromise(of: (any Channel).self)
            do {
                let ssh = try connection.pipeline.syncOperations.handler(type: NIOSSHHandler.self)
                ssh.createChannel(created, channelType: .session) { child, _ in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandlers([
                            SSHChannelDataCodec(), ByteToMessageHandler(SFTPFrameDecoder()), SFTPSessionHandler(),
                        ])
                    }
                }
            } catch {
                created.fail(error)
            }
            return created.futureResult.assumeIsolated().flatMap { child in
                do {
                    let codec = try child.pipeline.syncOperations.handler(type: SSHChannelDataCodec.self)
                    let handler = try child.pipeline.syncOperations.handler(type: SFTPSessionHandler.self)
                    let bound = NIOLoopBound(handler, eventLoop: child.eventLoop)
                    return codec.requestSubsystem(context: child).assumeIsolated().flatMap {
                        bound.value.start(on: child.eventLoop)
                    }.map { version in (child, version, bound) }.nonisolated()
                } catch {
                    return child.eventLoop.makeFailedFuture(error)
                }
            }.nonisolated()
        }
    }

    /// The extensions of a `SSH_FXP_VERSION` reply; throws when the server speaks another version.
    private static func extensions(in reply: ByteBuffer) throws -> [String: String] {
        var reply = reply
        guard reply.readInteger(as: UInt8.self) == SFTPPacketType.version.rawValue, let version = reply.readInteger(as: UInt32.self) else {
            throw SFTPError(.badMessage, "the server's sftp subsystem did not answer with its version")
        }
        guard version >= 3 else { throw SFTPError(.unsupported, "the server speaks SFTP version \(version); Baktainer needs version 3") }
        var extensions: [String: String] = [:]
        while let name = reply.readSFTPString(), let data = reply.readSFTPString() { extensions[name] = data }
        return extensions
    }

    /// Ends the session and the connection.
    package func close() async {
        try? await connection.close()
    }

    // MARK: Requests

    /// Sends a request of `type` with `body` (what follows the request id); the future holds the reply.
    func send(_ type: SFTPPacketType, _ body: ByteBuffer) -> EventLoopFuture<ByteBuffer> {
        let handler = self.handler
        let eventLoop = session.eventLoop
        return eventLoop.flatSubmit { handler.value.send(type, body, on: eventLoop) }
    }

    /// Sends a request and waits for its reply.
    func request(_ type: SFTPPacketType, _ build: (inout ByteBuffer) -> Void) async throws -> SFTPReply {
        var body = session.allocator.buffer(capacity: 64)
        build(&body)
        return SFTPReply(try await send(type, body).get())
    }

    // MARK: File operations

    /// Opens `path`; returns its handle.
    package func open(_ path: String, _ flags: SFTPOpenFlags, permissions: UInt32? = nil) async throws -> ByteBuffer {
        let reply = try await request(.open) {
            $0.writeSFTPString(path)
            $0.writeInteger(flags.rawValue)
            SFTPAttributes(permissions: permissions).write(to: &$0)
        }
        return try reply.handle("open \(path)")
    }

    /// Closes a file or directory handle.
    package func close(_ handle: ByteBuffer) async throws {
        try await request(.close) { $0.writeSFTPBuffer(handle) }.expectOK("close a file")
    }

    /// Sends a write of `data` at `offset`; the future holds the status reply (check it with ``SFTPReply/expectOK(_:)``).
    package func writeFuture(_ handle: ByteBuffer, offset: UInt64, data: ByteBuffer) -> EventLoopFuture<ByteBuffer> {
        var body = session.allocator.buffer(capacity: handle.readableBytes + data.readableBytes + 16)
        body.writeSFTPBuffer(handle)
        body.writeInteger(offset)
        body.writeSFTPBuffer(data)
        return send(.write, body)
    }

    /// Sends a read of up to `length` bytes at `offset`; the future holds the data or status reply.
    package func readFuture(_ handle: ByteBuffer, offset: UInt64, length: UInt32) -> EventLoopFuture<ByteBuffer> {
        var body = session.allocator.buffer(capacity: handle.readableBytes + 16)
        body.writeSFTPBuffer(handle)
        body.writeInteger(offset)
        body.writeInteger(length)
        return send(.read, body)
    }

    /// The attributes of an open file.
    package func stat(_ handle: ByteBuffer) async throws -> SFTPAttributes {
        try await request(.fstat) { $0.writeSFTPBuffer(handle) }.attributes("read the size of an open file")
    }

    /// The attributes of `path` (links followed); nil when it does not exist.
    package func stat(_ path: String) async throws -> SFTPAttributes? {
        let reply = try await request(.stat) { $0.writeSFTPString(path) }
        if reply.statusCode == .noSuchFile { return nil }
        return try reply.attributes("read the attributes of \(path)")
    }

    /// Deletes the file `path`; returns false when it did not exist.
    @discardableResult
    package func remove(_ path: String) async throws -> Bool {
        let reply = try await request(.remove) { $0.writeSFTPString(path) }
        if reply.statusCode == .noSuchFile { return false }
        try reply.expectOK("delete \(path)")
        return true
    }

    /// Creates the directory `path` (mode 0700); an existing directory is fine.
    package func makeDirectory(_ path: String) async throws {
        let reply = try await request(.mkdir) {
            $0.writeSFTPString(path)
            SFTPAttributes(permissions: 0o700).write(to: &$0)
        }
        if reply.statusCode == .ok { return }
        if let existing = try await stat(path), existing.isDirectory { return }
        try reply.expectOK("create the directory \(path)")
    }

    /// Removes the directory `path` when it is empty; returns whether it did.
    @discardableResult
    package func removeDirectoryIfEmpty(_ path: String) async -> Bool {
        (try? await request(.rmdir) { $0.writeSFTPString(path) }.statusCode) == .ok
    }

    /// Renames `source` to `target`, replacing `target` (`posix-rename@openssh.com` when offered; else it is
    /// deleted first, as plain SFTP v3 refuses to overwrite).
    package func rename(_ source: String, to target: String) async throws {
        if extensions["posix-rename@openssh.com"] != nil {
            try await request(.extended) {
                $0.writeSFTPString("posix-rename@openssh.com")
                $0.writeSFTPString(source)
                $0.writeSFTPString(target)
            }.expectOK("rename \(source) to \(target)")
            return
        }
        try await remove(target)
        try await request(.rename) {
            $0.writeSFTPString(source)
            $0.writeSFTPString(target)
        }.expectOK("rename \(source) to \(target)")
    }

    /// Asks the server to flush an open file to its disk (`fsync@openssh.com`); does nothing when not offered.
    package func sync(_ handle: ByteBuffer, path: String) async throws {
        guard extensions["fsync@openssh.com"] != nil else { return }
        try await request(.extended) {
            $0.writeSFTPString("fsync@openssh.com")
            $0.writeSFTPBuffer(handle)
        }.expectOK("flush \(path) to the server's disk")
    }

    /// The entries of the directory `path` (without `.` and `..`) with their attributes; nil when it does not exist.
    package func listDirectory(_ path: String) async throws -> [(name: String, attributes: SFTPAttributes)]? {
        let opened = try await request(.opendir) { $0.writeSFTPString(path) }
        if opened.statusCode == .noSuchFile { return nil }
        let handle = try opened.handle("list \(path)")
        var entries: [(name: String, attributes: SFTPAttributes)] = []
        while true {
            let reply = try await request(.readdir) { $0.writeSFTPBuffer(handle) }
            if reply.statusCode == .endOfFile { break }
            entries += try reply.names("list \(path)").filter { $0.name != "." && $0.name != ".." }
        }
        try await close(handle)
        return entries
    }
}

/// Closes the connection when the SSH layer fails (a refused host key, a failed login, a protocol error) or when it
/// received nothing for the idle handler's read timeout: whatever waits on the connection fails at once instead of
/// hanging.
private final class ConnectionCloser: ChannelInboundHandler {
    typealias InboundIn = Any

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case IdleStateHandler.IdleStateEvent.read = event {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
