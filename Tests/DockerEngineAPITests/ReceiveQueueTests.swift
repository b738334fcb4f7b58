import NIOCore
import NIOEmbedded
import Synchronization
import Testing

@testable import DockerEngineAPI

/// Counts the socket reads the handlers after it ask for.
private final class ReadCounter: ChannelOutboundHandler, Sendable {
    typealias OutboundIn = ByteBuffer
    let reads = Atomic<Int>(0)

    func read(context: ChannelHandlerContext) {
        reads.add(1, ordering: .relaxed)
        context.read()
    }
}

private struct Broken: Error, Equatable {}

@Suite struct ReceiveQueueTests {
    /// A connected test channel with the counter, then a queue reading ahead two buffers.
    private func connected() async throws -> (NIOAsyncTestingChannel, ReceiveQueue, ReadCounter) {
        let channel = NIOAsyncTestingChannel()
        let counter = ReadCounter()
        let queue = ReceiveQueue(eventLoop: channel.eventLoop, readAhead: 2)
        try await channel.pipeline.addHandler(counter)
        try await channel.pipeline.addHandler(queue)
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1))
        return (channel, queue, counter)
    }

    /// One socket read's worth: the buffer, then read-complete (as `writeInbound` fires them).
    private func receive(_ text: String, on channel: NIOAsyncTestingChannel) async throws {
        try await channel.writeInbound(ByteBuffer(string: text))
    }

    @Test func readsAheadOnlyWhileFewBuffersWaitAndHandsThemOutInOrder() async throws {
        let (channel, queue, counter) = try await connected()
        func reads() -> Int { counter.reads.load(ordering: .relaxed) }
        let connectedReads = reads()
        #expect(connectedReads >= 1)  // reading starts on connecting
        try await receive("one", on: channel)
        #expect(reads() == connectedReads + 1)  // one waits: room for another
        try await receive("two", on: channel)
        #expect(reads() == connectedReads + 1)  // two wait: the socket is left alone
        #expect(try await queue.next().map { String(buffer: $0) } == "one")
        await channel.testingEventLoop.run()
        #expect(reads() == connectedReads + 2)  // taking one made room
        #expect(try await queue.next().map { String(buffer: $0) } == "two")
        try await channel.close()
        #expect(try await queue.next() == nil)
        #expect(try await queue.next() == nil)
    }

    @Test func aWaitingReaderGetsTheNextBufferAsItArrives() async throws {
        let (channel, queue, _) = try await connected()
        async let next = queue.next()
        try await Task.sleep(for: .milliseconds(50))
        try await receive("late", on: channel)
        #expect(try await next.map { String(buffer: $0) } == "late")
        try await channel.close()
    }

    @Test func anErrorComesAfterTheBuffersReceivedBeforeIt() async throws {
        let (channel, queue, _) = try await connected()
        try await receive("kept", on: channel)
        try await channel.testingEventLoop.executeInContext { channel.pipeline.fireErrorCaught(Broken()) }
        #expect(try await queue.next().map { String(buffer: $0) } == "kept")
        await #expect(throws: Broken.self) { try await queue.next() }
        #expect(!channel.isActive)  // the queue closed it
    }

    @Test func aCancelledWaitingReaderThrowsCancellationError() async throws {
        let (channel, queue, _) = try await connected()
        let reader = Task { try await queue.next() }
        try await Task.sleep(for: .milliseconds(50))
        reader.cancel()
        await #expect(throws: CancellationError.self) { try await reader.value }
        try await channel.close()
    }

    @Test func aStreamTricklingInIsReadAgainAfterAPause() async throws {
        let (channel, queue, counter) = try await connected()
        func reads() -> Int { counter.reads.load(ordering: .relaxed) }
        try await receive("first", on: channel)  // no estimate yet: read on at once
        let before = reads()
        _ = try await queue.next()
        await channel.testingEventLoop.advanceTime(by: .milliseconds(1))
        try await receive("second", on: channel)  // 11 bytes in 1 ms: the longest pause
        #expect(reads() == before)
        await channel.testingEventLoop.advanceTime(by: .milliseconds(3))
        #expect(reads() == before)
        await channel.testingEventLoop.advanceTime(by: .milliseconds(1))
        #expect(reads() == before + 1)
        #expect(try await queue.next().map { String(buffer: $0) } == "second")
        try await channel.close()
    }
}
