#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOCore

extension DockerClient {
    /// The environment variable that marks every process an exec starts, so that it can be found and
    /// stopped inside the container when the caller goes away (Docker itself would leave it running).
    static let execTokenVariable = "BAKTAINER_EXEC_TOKEN"

    /// Runs `command` in a container and hands its streams to `body`.
    ///
    /// Stdout arrives demultiplexed and back-pressured through ``ExecSession/stdout``; call
    /// ``ExecSession/wait()`` after reading it to get the exit code and stderr tail. If `body` returns or
    /// throws before the output has ended — including when the task is cancelled — the connection is closed
    /// **and the process (with its children) is stopped inside the container**: `SIGTERM`, then `SIGKILL`
    /// after 5 seconds. That clean-up needs `sh` in the container.
    ///
    /// Throws ``DockerError/Code/noSuchContainer`` or ``DockerError/Code/containerNotRunning`` when the
    /// container cannot run it.
    package func withExec<Result>(
        _ command: ExecCommand, inContainer container: String, stderrLimit: Int = 16 * 1024,
        _ body: (ExecSession) async throws -> Result
    ) async throws -> Result {
        let token = Self.makeToken()
        let execID = try await createExec(command, token: token, container: container)
        let endpoint = configuration.endpoint
        let start = DockerRequest(
            method: "POST", path: "/exec/\(execID)/start", body: ByteBuffer(string: #"{"Detach":false,"Tty":false}"#),
            upgradeToRawStream: true)
        // The process is stopped only after the connection is closed: while its output sits unread in the
        // connection, the daemon may hold back the completion of other execs in the container (the stop
        // script's included), which would wait forever.
        var outputFinished = true
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(
                try await withStream(start, resource: "exec in container '\(container)'", acceptedStatuses: [101, 200], consumeOnEventLoop: true) {
                    reader, connection in
                    if !command.attachStdin { connection.finishOutput() }
                    let session = ExecSession(
                        id: execID, stdout: ExecOutput(reader: reader, endpoint: endpoint, stderrLimit: stderrLimit),
                        stdin: command.attachStdin ? ExecInput(connection: connection) : nil, client: self)
                    outputFinished = false
                    defer { outputFinished = session.stdout.isFinished }
                    return try await body(session)
                })
        } catch {
            outcome = .failure(error)
        }
        if !outputFinished { await stopProcesses(token: token, container: container, exec: execID) }
        return try outcome.get()
    }

    /// Whether an exec's process runs, and its exit code once it ended (nil before it started and while it runs).
    private struct ExecState: Decodable {
        var Running: Bool
        var ExitCode: Int?
    }

    private func state(ofExec execID: String) async throws -> ExecState {
        let answer = try await send(DockerRequest(method: "GET", path: "/exec/\(execID)/json"))
        try answer.requireSuccess(resource: "exec \(execID)", endpoint: configuration.endpoint, notFound: .noSuchExec)
        return try answer.decode(ExecState.self, endpoint: configuration.endpoint)
    }

    /// The exit code of a finished exec, waiting briefly for the daemon to notice the process ended.
    func exitCode(ofExec execID: String) async throws -> Int {
        var pause = Duration.milliseconds(10)
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let state = try await state(ofExec: execID)
            if !state.Running, let code = state.ExitCode { return code }
            guard ContinuousClock.now < deadline else {
                throw DockerError(.daemonNotAnswering, "exec \(execID) closed its output but the Docker daemon still reports it running after 10 s")
            }
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(200))
        }
    }

    private func createExec(_ command: ExecCommand, token: String?, container: String) async throws -> String {
        struct CreateBody: Encodable {
            var AttachStdin: Bool
            var AttachStdout = true
            var AttachStderr = true
            var Tty = false
            var Cmd: [String]
            var Env: [String]
            var User: String?
            var WorkingDir: String?
        }
        struct Created: Decodable { var Id: String }
        var environment = command.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if let token { environment.append("\(Self.execTokenVariable)=\(token)") }
        let body = CreateBody(
            AttachStdin: command.attachStdin, Cmd: command.arguments, Env: environment, User: command.user,
            WorkingDir: command.workingDirectory)
        let request = DockerRequest(
            method: "POST", path: "/containers/\(Self.pathComponent(container))/exec",
            body: ByteBuffer(bytes: try JSONEncoder().encode(body)))
        let answer = try await send(request)
        try answer.requireSuccess(resource: "container '\(container)'", endpoint: configuration.endpoint)
        return try answer.decode(Created.self, endpoint: configuration.endpoint).Id
    }

    /// Stops every process in `container` whose environment carries `token` (those of exec `execID`), waiting
    /// until they are gone.
    ///
    /// The daemon answers an exec's start before it starts the process, so a caller that gives up at once can
    /// get here before the process carries the token in /proc — seen in CI even when the daemon already reported
    /// it running (the pid may still be the runtime's init, not yet the command): the script waits up to 5 s for
    /// it to appear, and stops it. Only an exec the daemon reports ended is left alone; one that ends just after
    /// that check costs the 5 s of looking. Best effort and independent of task cancellation: it runs from a
    /// cancelled task too (the waiting happens inside the container). A failure is swallowed because the caller is
    /// already failing for another reason.
    func stopProcesses(token: String, container: String, exec execID: String) async {
        let state = try? await state(ofExec: execID)
        if let state, !state.Running, state.ExitCode != nil { return }  // it ended by itself
        let stop = ExecCommand(["sh", "-c", Self.stopScript, "baktainer-stop", "\(Self.execTokenVariable)=\(token)", "50"], user: "0")
        do {
            let id = try await createExec(stop, token: nil, container: container)
            // Not upgraded: the daemon streams the (empty) output and closes when the script has finished.
            _ = try await send(
                DockerRequest(method: "POST", path: "/exec/\(id)/start", body: ByteBuffer(string: #"{"Detach":false,"Tty":false}"#)))
        } catch {
            // The container may be gone, which stops the process too.
        }
    }

    /// Finds processes by an environment entry (`$1`) in /proc — looking again every 0.1 s, up to `$2` times, while
    /// there is none — sends SIGTERM, and SIGKILL after 5 s; returns once they have exited (at most 5 s after the
    /// SIGKILL). Uses only sh, tr, sed, kill and sleep, which Debian, Alpine (busybox) and UBI images all have.
    static let stopScript = #"""
        mark="$1"; tries="${2:-0}"; pids=""
        while :; do
          for d in /proc/[0-9]*; do
            case "$(tr '\0' '\n' 2>/dev/null < "$d/environ")" in
              *"$mark"*) pids="$pids ${d#/proc/}" ;;
            esac
          done
          [ -n "$pids" ] || [ "$tries" -le 0 ] && break
          tries=$((tries-1)); sleep 0.1
        done
        [ -n "$pids" ] || exit 0
        living() {
          alive=""
          for p in $pids; do
            s=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$p/status" 2>/dev/null)
            [ -n "$s" ] && [ "$s" != Z ] && alive="$alive $p"
          done
          [ -n "$alive" ]
        }
        settle() {
          i=0
          while [ $i -lt 50 ]; do
            living || exit 0
            sleep 0.1; i=$((i+1))
          done
        }
        kill -TERM $pids 2>/dev/null
        settle
        kill -KILL $alive 2>/dev/null
        settle
        exit 0
        """#

    private static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }
}
