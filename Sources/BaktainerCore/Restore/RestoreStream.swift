import NIOCore

/// Runs a restore tool with stdin attached: one child task feeds stdin (``RestoreFeeder``) while another drains
/// stdout and waits for the exit code, so the tool can never block on a full pipe.
///
/// A local failure while feeding (the file unreadable, a layer damaged, a file that fails its check) cancels
/// the exec, which stops the tool inside the container before it sees the end of its input. A failed write
/// because the tool exited early is not an error of its own: the tool's exit code and stderr tell why.
struct RestoreStream: Sendable {
    /// How the tool ended and how much was fed.
    struct Outcome: Sendable {
        /// The tool's exit code and stderr tail.
        var termination: ExecExit
        /// Dump bytes written into stdin, when feeding finished.
        var fed: Int?
        /// Why feeding stopped early, if it did.
        var feedError: (any Error)?
    }

    private enum Step: Sendable {
        case exited(ExecExit)
        case fed(Int)
        case feedFailed(any Error)
    }

    let runtime: any ContainerRuntime

    /// Runs `command` in `container`, feeding it with `feeder`.
    func run(_ command: ContainerCommand, in container: String, feeder: RestoreFeeder) async throws -> Outcome {
        let (inputs, handOver) = AsyncStream.makeStream(of: (any ExecStdin).self)
        let runtime = self.runtime
        return try await withThrowingTaskGroup(of: Step.self) { group in
            group.addTask {
                defer { handOver.finish() }
                return .exited(
                    try await runtime.withExec(command, in: container) { exec in
                        if let stdin = exec.stdin { handOver.yield(stdin) }
                        handOver.finish()
                        return try await exec.wait()
                    })
            }
            group.addTask {
                var iterator = inputs.makeAsyncIterator()
                guard let input = await iterator.next() else { return .fed(0) }
                do {
                    return .fed(try await feeder.feed(into: input))
                } catch {
                    return .feedFailed(error)
                }
            }
            var termination: ExecExit?
            var fed: Int?
            var feedError: (any Error)?
            while let step = try await group.next() {
                switch step {
                case .exited(let result):
                    termination = result
                    group.cancelAll()  // the tool is gone: a feeder still writing can stop
                case .fed(let count):
                    fed = count
                case .feedFailed(let error as VerificationFailure):
                    throw error  // the file is damaged, whatever the tool did: its transaction was not committed
                case .feedFailed(let error):
                    if termination == nil && (error is StorageError || error is LayeredDecoder.LayerError) {
                        throw error  // leaves the group: the exec is cancelled and the tool stopped
                    }
                    feedError = error
                }
            }
            guard let termination else { throw CancellationError() }
            return Outcome(termination: termination, fed: fed, feedError: termination.exitCode == 0 ? feedError : nil)
        }
    }
}
