// Streams `head -c BYTES /dev/zero` out of a container through DockerClient into a file, then prints
// "bytes seconds" on stdout. scripts/bench-exec.sh runs it beside `docker exec … > file` and compares.
//
// Usage: baktainer-bench CONTAINER BYTES OUTPUT_FILE
#if canImport(Glibc)
import Glibc
#endif
import DockerEngineAPI
import NIOCore

let arguments = CommandLine.arguments
guard arguments.count == 4, let byteCount = Int(arguments[2]) else {
    print("usage: baktainer-bench CONTAINER BYTES OUTPUT_FILE")
    exit(64)
}
let descriptor = open(arguments[3], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
guard descriptor >= 0 else {
    print("cannot open \(arguments[3])")
    exit(1)
}
/// Streams the exec into `descriptor`; nonisolated so the session stays off the main actor.
nonisolated func streamToFile(container: String, byteCount: Int, descriptor: Int32) async throws -> ExecTermination {
    let client = try await DockerClient.connect()
    return try await client.withExec(ExecCommand(["head", "-c", "\(byteCount)", "/dev/zero"]), inContainer: container) { session in
        for try await buffer in session.stdout {
            buffer.withUnsafeReadableBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    precondition(written > 0, "write failed")
                    offset += written
                }
            }
        }
        return try await session.wait()
    }
}
let clock = ContinuousClock()
let start = clock.now
let termination = try await streamToFile(container: arguments[1], byteCount: byteCount, descriptor: descriptor)
let elapsed = clock.now - start
close(descriptor)
guard termination.exitCode == 0, termination.stdoutByteCount == byteCount else {
    print("exec failed: exit \(termination.exitCode), \(termination.stdoutByteCount) bytes, stderr: \(termination.stderrTail)")
    exit(1)
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("\(byteCount) \(seconds)")
