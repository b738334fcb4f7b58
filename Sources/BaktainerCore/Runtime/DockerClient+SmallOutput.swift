import DockerEngineAPI
import NIOCore

extension DockerClient {
    /// Runs a command whose output is small — a probe, a count, a password file — and returns how it ended
    /// with its whole stdout as text. Throws an ``EngineError`` when stdout grows past `limit` bytes, so a
    /// surprise never fills memory and a cut answer is never taken for the whole.
    package func runCollecting(_ command: ExecCommand, in container: String, limit: Int = 64 * 1024) async throws -> (
        termination: ExecTermination, output: String
    ) {
        try await withExec(command, inContainer: container) { session in
            var output = ByteBuffer()
            for try await var buffer in session.stdout {
                guard output.readableBytes + buffer.readableBytes <= limit else {
                    throw EngineError("the output of \(command.arguments.first ?? "the command") is larger than \(limit / 1024) KiB")
                }
                output.writeBuffer(&buffer)
            }
            return (try await session.wait(), String(buffer: output))
        }
    }

    /// Reads a small file (at most 64 KiB) inside a container with `cat`: password files, `*_FILE` variables.
    package func readSmallFile(_ path: String, in container: String) async throws -> String {
        let (termination, output) = try await runCollecting(ExecCommand(["cat", "--", path]), in: container)
        guard termination.exitCode == 0 else { throw EngineError("cannot read \(path)") }
        return output
    }
}
