import NIOCore

/// A running process inside a container: its stdout, its stdin (when attached) and, once the output has
/// ended, its exit status. Valid only inside the body of ``ContainerRuntime/withExec(_:in:_:)``.
package struct ExecHandle {
    /// The process's stdout, back-pressured: while nobody asks for the next buffer the process blocks.
    package let stdout: ByteStream
    /// The process's stdin, present when the command set ``ContainerCommand/attachStdin``.
    package let stdin: (any ExecStdin)?
    private let waitForExit: () async throws -> ExecExit

    /// Creates a handle from its parts (runtimes and fakes).
    package init(stdout: ByteStream, stdin: (any ExecStdin)?, wait: @escaping () async throws -> ExecExit) {
        self.stdout = stdout
        self.stdin = stdin
        self.waitForExit = wait
    }

    /// Reads and discards what is left of stdout, then reports how the process ended.
    package func wait() async throws -> ExecExit {
        try await waitForExit()
    }
}

/// The write side of an exec's stdin. Writes wait while the process does not read, so a producer never runs
/// ahead; ``finish()`` is the end of input.
package protocol ExecStdin: Sendable {
    /// Writes one buffer, waiting while the process cannot take more.
    func write(_ buffer: ByteBuffer) async throws
    /// Ends the input: the process reads end-of-file once it has consumed what was written.
    func finish()
}

/// How a process inside a container ended.
package struct ExecExit: Sendable, Equatable {
    /// The exit code (128 + signal number when it was killed by a signal).
    package var exitCode: Int
    /// The last bytes it wrote to stderr, as text. May echo a secret: redact before showing.
    package var stderrTail: String
    /// How many bytes it wrote to stdout.
    package var stdoutByteCount: Int

    /// Creates an exit record.
    package init(exitCode: Int, stderrTail: String = "", stdoutByteCount: Int = 0) {
        self.exitCode = exitCode
        self.stderrTail = stderrTail
        self.stdoutByteCount = stdoutByteCount
    }
}
