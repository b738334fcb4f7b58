import NIOCore

extension ContainerRuntime {
    /// Runs a command whose output is small — a probe, a count, a password file — and returns how it ended
    /// with its whole stdout as text. Throws an ``EngineError`` when stdout grows past `limit` bytes, so a
    /// surprise never fills memory and a cut answer is never taken for the whole.
    package func runCollecting(_ command: ContainerCommand, in container: String, limit: Int = 64 * 1024) async throws -> (
        exit: ExecExit, output: String
    ) {
        try await withExec(command, in: container) { exec in
            var output = ByteBuffer()
            for try await var buffer in exec.stdout {
                guard output.readableBytes + buffer.readableBytes <= limit else {
                    throw EngineError("the output of \(command.program) is larger than \(limit / 1024) KiB")
                }
                output.writeBuffer(&buffer)
            }
            return (try await exec.wait(), String(buffer: output))
        }
    }

    /// Reads a small file (at most 64 KiB) inside a container with `cat`: password files, `*_FILE` variables.
    package func readSmallFile(_ path: String, in container: String) async throws -> String {
        let (exit, output) = try await runCollecting(ContainerCommand(["cat", "--", path]), in: container)
        guard exit.exitCode == 0 else { throw EngineError("cannot read \(path)") }
        return output
    }
}
