/// A running exec: its stdout, its stdin (when attached) and, once the output has ended, its exit status.
///
/// Handed to the body of ``DockerClient/withExec(_:inContainer:stderrLimit:_:)``; valid only inside it.
package final class ExecSession {
    /// The exec's ID on the daemon.
    package let id: String
    /// The process's stdout; stderr is collected into the termination's tail.
    package let stdout: ExecOutput
    /// The process's stdin, present when the command set `attachStdin`.
    package let stdin: ExecInput?
    private let client: DockerClient

    init(id: String, stdout: ExecOutput, stdin: ExecInput?, client: DockerClient) {
        self.id = id
        self.stdout = stdout
        self.stdin = stdin
        self.client = client
    }

    /// Waits for the process to end and reports its exit code and stderr tail.
    ///
    /// Reads and discards any stdout the caller has not consumed, then asks the daemon for the exit code.
    package func wait() async throws -> ExecTermination {
        try await stdout.drain()
        let exitCode = try await client.exitCode(ofExec: id)
        return ExecTermination(exitCode: exitCode, stderrTail: stdout.stderrTail.text, stdoutByteCount: stdout.stdoutByteCount)
    }
}
