import NIOCore

/// Runs Swift tasks' jobs on one NIO event loop: the loop a connection reads on.
///
/// An exec's output arrives on its connection's event loop, one buffer per socket read (Docker frames an
/// exec's output in pieces of at most 32 KiB). A consumer on Swift's global executor is woken by a thread
/// hand-off for every one of them; a consumer preferring this executor runs on the loop itself, between two
/// reads, with no hand-off. While the consumer works the loop does not read, which is the back-pressure it
/// wants anyway. Only for code that does not block: a blocking call would stop the loop's other channels.
final class EventLoopTaskExecutor: TaskExecutor {
    private let eventLoop: any EventLoop

    /// An executor running jobs on `eventLoop`.
    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
