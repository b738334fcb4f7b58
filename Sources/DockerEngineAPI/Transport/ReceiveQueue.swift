import NIOCore
import Synchronization

/// Hands the bytes a connection receives to one reader, in the order they came.
///
/// The channel runs with `autoRead` off: the socket is read only while fewer than `readAhead` buffers wait, so
/// a reader that stops asking stops the reading (the daemon, then the process behind it, waits). A reader
/// finding a buffer waiting takes it without suspending — with the reader on the connection's event loop
/// (``EventLoopTaskExecutor``) a large stream costs one socket read per buffer and little else, which is why
/// this replaces `NIOAsyncChannel` here. After a read that found the socket nearly drained, a ``ReadPacer`` may
/// delay the next one a little, so that the bytes come in larger pieces. After the last buffer the reader gets
/// nil when the daemon closed the connection, or the error that ended it. A waiting reader that is cancelled gets
/// `CancellationError`.
final class ReceiveQueue: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private struct State {
        var buffers = CircularBuffer<ByteBuffer>(initialCapacity: 8)
        /// How the connection ended, once it has: nil while open.
        var end: Result<Void, any Error>?
        var waiter: CheckedContinuation<ByteBuffer?, any Error>?
        /// Whether a socket read has been asked for and not completed.
        var reading = false
        var cancelled = false
        /// Bytes received since the last socket read was asked for.
        var cycleBytes = 0
        var pacer = ReadPacer()
    }

    /// What a reader does next.
    private enum Step {
        case take(ByteBuffer, readMore: Bool)
        case finish(Result<Void, any Error>)
        case wait
    }

    private let state = Mutex(State())
    private let context: NIOLoopBoundBox<ChannelHandlerContext?>
    private let eventLoop: any EventLoop
    private let readAhead: Int

    /// A queue for a channel on `eventLoop`, reading ahead while fewer than `readAhead` buffers wait.
    init(eventLoop: any EventLoop, readAhead: Int = 4) {
        self.eventLoop = eventLoop
        self.readAhead = readAhead
        self.context = .makeEmptyBox(valueType: ChannelHandlerContext.self, eventLoop: eventLoop)
    }

    /// The next buffer received, nil once the daemon closed the connection and everything was read.
    func next() async throws -> ByteBuffer? {
        switch state.withLock({ takeStep(&$0) }) {
        case .take(let buffer, let readMore):
            if readMore { requestRead() }
            return buffer
        case .finish(let end):
            try end.get()
            return nil
        case .wait:
            break
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let step: Step? = state.withLock { state in
                    let step = takeStep(&state)
                    guard case .wait = step else { return step }
                    if state.cancelled { return .finish(.failure(CancellationError())) }
                    state.waiter = continuation
                    guard !state.reading else { return nil }
                    state.reading = true
                    return .wait
                }
                switch step {
                case .take(let buffer, let readMore)?:
                    if readMore { requestRead() }
                    continuation.resume(returning: buffer)
                case .finish(let end)?:
                    continuation.resume(with: end.map { nil })
                case .wait?:
                    requestRead()
                case nil:
                    break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Takes a waiting buffer (asking for more when the queue runs short), or the end, or says to wait.
    private func takeStep(_ state: inout State) -> Step {
        if let buffer = state.buffers.popFirst() {
            let readMore = !state.reading && state.end == nil && state.buffers.count < readAhead
            if readMore { state.reading = true }
            return .take(buffer, readMore: readMore)
        }
        if let end = state.end { return .finish(end) }
        return .wait
    }

    private func requestRead() {
        if eventLoop.inEventLoop {
            context.value?.read()
        } else {
            eventLoop.execute { self.context.value?.read() }
        }
    }

    private func finish(_ end: Result<Void, any Error>) {
        let waiter = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            if state.end == nil { state.end = end }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: end.map { nil })
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context.value = context  // reading starts on channelActive (or, already active, at the first next())
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context.value = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        state.withLock { $0.reading = true }
        context.read()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let waiter = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            state.cycleBytes += buffer.readableBytes
            guard let waiter = state.waiter else {
                state.buffers.append(buffer)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: buffer)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        let now = context.eventLoop.now
        let (readMore, pause) = state.withLock { state -> (Bool, TimeAmount?) in
            defer { state.cycleBytes = 0 }
            state.reading = state.end == nil && state.buffers.count < readAhead
            return (state.reading, state.pacer.pause(afterCycleOf: state.cycleBytes, at: now))
        }
        guard readMore else { return }
        if let pause {
            let box = self.context
            context.eventLoop.scheduleTask(in: pause) { box.value?.read() }
        } else {
            context.read()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.success(()))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }
}
