import DockerEngineAPI
import Foundation
import NIOCore
import Testing

/// The Docker Engine API client against the real daemon and real containers.
@Suite(.serialized) struct DockerClientIntegrationTests {
    let client: DockerClient

    init() async throws {
        client = try await DockerClient.connect()
    }

    @Test func negotiatesAnAPIVersionTheDaemonSpeaks() async throws {
        let daemon = try await TestBed.docker(["version", "--format", "{{.Server.APIVersion}}"])
        #expect(client.apiVersion == min(APIVersion(daemon)!, APIVersion.maximumSupported))
    }

    @Test func listsContainersByLabelAndInspectsThem() async throws {
        try await TestBed.withRun { run in
            let labelled = try await TestBed.startContainer(
                fixture: "sqlite", labels: ["baktainer.backup": "true", "baktainer.db.engine": "sqlite", "baktainer.db.name": "/data/app.db"],
                environment: ["APP_MODE": "test"], runID: run)
            _ = try await TestBed.startContainer(fixture: "sqlite", runID: run)

            let found = try await client.listContainers(labels: ["baktainer.backup=true", "\(TestBed.testLabel)=\(run)"])
            #expect(found.map(\.name) == [labelled])
            #expect(found.first?.labels["baktainer.db.engine"] == "sqlite")
            #expect(found.first?.state == "running")
            let all = try await client.listContainers(labels: ["\(TestBed.testLabel)=\(run)"])
            #expect(all.count == 2)

            let details = try await client.inspectContainer(labelled)
            #expect(details.name == labelled)
            #expect(details.isRunning)
            #expect(details.labels["baktainer.db.name"] == "/data/app.db")
            #expect(details.environmentValue("APP_MODE") == "test")
            #expect(details.image == "baktainer-fixture/sqlite:current")
        }
    }

    @Test func missingContainerIsANamedError() async throws {
        await #expect {
            _ = try await client.inspectContainer("no-such-container-\(TestBed.runID())")
        } throws: { error in
            (error as? DockerError)?.code == .noSuchContainer && "\(error)".contains("no-such-container-")
        }
        await #expect {
            try await client.withExec(ExecCommand(["true"]), inContainer: "no-such-container-x") { _ in }
        } throws: { error in
            (error as? DockerError)?.code == .noSuchContainer
        }
    }

    /// Runs in a process of its own (`baktainer-bench`, the exec client streaming to a file): tests run in parallel in
    /// this one, and a neighbour's buffers (an S3 upload holds 8 parts of 16 MiB) would count as this stream's.
    @Test func streamsOneGibibyteOutOfAnExecWithFlatMemory() async throws {
        try await TestBed.withRun { run in
            let container = try await TestBed.startContainer(fixture: "sqlite", runID: run)
            let expected = 1 << 30
            let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            let process = Process()
            process.executableURL = directory.appendingPathComponent("baktainer-bench")
            process.arguments = [container, "\(expected)", "/dev/null"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // VmHWM is the process's peak resident memory so far; sampled until it exits.
            var peak = 0
            while process.isRunning {
                if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                    let kilobytes = line.split(separator: " ").compactMap({ Int($0) }).first
                {
                    peak = max(peak, kilobytes * 1024)
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // It exits 0 only when the exec exited 0 and exactly `expected` bytes came through.
            #expect(process.terminationStatus == 0, "\(printed)")
            #expect(printed.hasPrefix("\(expected) "))
            // Flat memory: a client that buffered the stream would grow by hundreds of MiB here.
            #expect(peak > 0 && peak < 64 << 20, "the exec client's resident memory peaked at \(peak >> 20) MiB while streaming 1 GiB")
        }
    }

    @Test func reportsExitCodeAndStderrTail() async throws {
        try await TestBed.withRun { run in
            let container = try await TestBed.startContainer(fixture: "sqlite", runID: run)
            let command = ExecCommand(["sh", "-c", "echo partial output; echo 'pg_dump: error: something broke' >&2; exit 3"])
            let (stdout, termination) = try await client.withExec(command, inContainer: container) { session in
                var text = ""
                for try await buffer in session.stdout { text += String(buffer: buffer) }
                return (text, try await session.wait())
            }
            #expect(stdout == "partial output\n")
            #expect(termination.exitCode == 3)
            #expect(termination.stderrTail == "pg_dump: error: something broke\n")
        }
    }

    @Test func passesEnvironmentUserAndWorkingDirectory() async throws {
        try await TestBed.withRun { run in
            let container = try await TestBed.startContainer(fixture: "sqlite", runID: run)
            let command = ExecCommand(
                ["sh", "-c", #"printf '%s|%s|%s' "$SECRET_FOR_TEST" "$(id -un)" "$(pwd)""#],
                environment: ["SECRET_FOR_TEST": "s3cr3t value"], user: "nobody", workingDirectory: "/tmp")
            let output = try await client.withExec(command, inContainer: container) { session in
                var text = ""
                for try await buffer in session.stdout { text += String(buffer: buffer) }
                #expect(try await session.wait().exitCode == 0)
                return text
            }
            #expect(output == "s3cr3t value|nobody|/tmp")
        }
    }

    @Test func streamsTenMebibytesIntoStdin() async throws {
        try await TestBed.withRun { run in
            let container = try await TestBed.startContainer(fixture: "sqlite", runID: run)
            let total = 10 << 20
            let output = try await client.withExec(ExecCommand(["wc", "-c"], attachStdin: true), inContainer: container) { session in
                let stdin = try #require(session.stdin)
                return try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 64 << 10)
                        for _ in 0..<(total / chunk.readableBytes) { try await stdin.write(chunk) }
                        stdin.finish()
                    }
                    var text = ""
                    for try await buffer in session.stdout { text += String(buffer: buffer) }
                    try await group.waitForAll()
                    #expect(try await session.wait().exitCode == 0)
                    return text
                }
            }
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(total)")
        }
    }

    @Test func aCallerGivingUpBeforeTheProcessStartedStillHasItStopped() async throws {
        try await TestBed.withRun { run in
            let container = try await TestBed.startContainer(fixture: "sqlite", runID: run)
            struct GaveUp: Error {}
            // The daemon answers the start before it starts the process: a body that throws at once may beat it
            // when the daemon is busy (seen in CI under load; on an idle daemon the process is up first, and this
            // test passes without the wait for a late start too).
            let client = self.client
            await withTaskGroup(of: Void.self) { group in
                for round in 1...12 {
                    group.addTask {
                        let command = ExecCommand(["sleep", "\(310 + round)"], attachStdin: true)
                        await #expect(throws: GaveUp.self) {
                            try await client.withExec(command, inContainer: container) { _ in throw GaveUp() }
                        }
                    }
                }
            }
            let left = try await TestBed.processCommandLines(in: container).filter { $0.hasPrefix("sleep 31") }
            #expect(left.isEmpty, "processes started after their caller gave up: \(left)")
        }
    }

    @Test func cancellingTheConsumerStopsTheProcessInsideTheContainer() async throws {
        try await TestBed.withRun { run in
            let container = try await TestBed.startContainer(fixture: "sqlite", runID: run)
            // A parent and a child that would both outlive a client that merely disconnected.
            let command = ExecCommand(["sh", "-c", "sleep 301 & sleep 302; wait"])
            let client = self.client
            let consumer = Task {
                try await client.withExec(command, inContainer: container) { session in
                    for try await _ in session.stdout {}
                }
            }
            try await waitUntil { try await TestBed.processCommandLines(in: container).contains { $0.hasPrefix("sleep 302") } }
            consumer.cancel()
            _ = await consumer.result
            let left = try await TestBed.processCommandLines(in: container).filter { $0.hasPrefix("sleep 30") }
            #expect(left.isEmpty, "processes still running after cancellation: \(left)")
        }
    }

    @Test func reportsContainerStartEvents() async throws {
        try await TestBed.withRun { run in
            let events = try await client.withContainerEvents(labels: ["\(TestBed.testLabel)=\(run)"]) { stream in
                let name = try await TestBed.startContainer(fixture: "sqlite", runID: run)
                for try await event in stream where event.action == "start" {
                    return (name, event)
                }
                throw TestBedError("event stream ended without a start event")
            }
            #expect(events.1.attributes["name"] == events.0)
            #expect(events.1.type == "container")
        }
    }

    /// Polls `condition` every 100 ms for up to 10 s.
    private func waitUntil(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<100 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestBedError("condition not met within 10 s")
    }
}
