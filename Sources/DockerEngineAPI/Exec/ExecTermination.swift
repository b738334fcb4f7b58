/// How an exec'd process ended.
package struct ExecTermination: Sendable, Equatable {
    /// The process's exit code (128 + signal number when it was killed by a signal).
    package var exitCode: Int
    /// The last bytes it wrote to stderr, as text.
    package var stderrTail: String
    /// How many bytes it wrote to stdout.
    package var stdoutByteCount: Int

    /// Creates a termination record.
    package init(exitCode: Int, stderrTail: String, stdoutByteCount: Int) {
        self.exitCode = exitCode
        self.stderrTail = stderrTail
        self.stdoutByteCount = stdoutByteCount
    }
}
