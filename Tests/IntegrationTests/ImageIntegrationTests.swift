import Foundation
import Testing

/// The container image as users run it: the daemon in the image with the host's socket mounted, and
/// `examples/compose.yaml` with Debian's `docker-compose`. The image is `BT_TEST_IMAGE` (scripts/test.sh builds it
/// with `scripts/build-image.sh --prebuilt .build/debug/baktainer`: this build's binary in the Dockerfile's runtime
/// stage); without that variable the suite builds it the same way, once. Each test confines the daemon to its own
/// containers with `BT_FILTER_LABEL=baktainer.test=<run>`.
@Suite struct ImageIntegrationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The image under test.
    static let image = Task<String, any Error> {
        if let tag = ProcessInfo.processInfo.environment["BT_TEST_IMAGE"], !tag.isEmpty { return tag }
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("baktainer").path
        let script = root.appendingPathComponent("scripts/build-image.sh").path
        let outcome = try await TestBed.tool("/usr/bin/env", ["BT_IMAGE_QUIET=1", "BT_IMAGE_SIZE=0", script, "--prebuilt", binary, "baktainer:test"])
        guard outcome.status == 0 else { throw TestBedError("scripts/build-image.sh failed: \(outcome.output.suffix(2000)) \(outcome.errors.suffix(2000))") }
        return "baktainer:test"
    }

    /// A binary built with code coverage writes its profile into the working directory at exit, which the image's
    /// user may not write to: somewhere harmless instead (a release binary ignores the variable).
    static let profileFile = "LLVM_PROFILE_FILE=/tmp/baktainer-%p.profraw"

    /// The group that owns the Docker socket, which the image's non-root user joins to use it.
    static func socketGroup() throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: "/var/run/docker.sock")[.groupOwnerAccountID] as? Int)
    }

    /// Polls `condition` every 500 ms until it holds or `limit` passes (a hang guard, not a timing claim).
    static func wait(for what: String, limit: Duration = .seconds(180), container: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                let logs = try? await TestBed.tool("/usr/bin/env", ["docker", "logs", "--tail", "60", container])
                throw TestBedError("gave up waiting for \(what); \(container)'s log:\n\(logs?.output ?? "")\(logs?.errors ?? "")")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    @Test func runsTheDaemonByDefaultBacksUpReportsHealthyAndStopsCleanly() async throws {
        let image = try await Self.image.value
        try await TestBed.withRun { run in
            let password = "pg-\(run)-secret"
            let source = try await TestBed.startContainer(
                fixture: "postgres", labels: ["baktainer.backup": "true", "baktainer.db.engine": "postgres"],
                environment: ["POSTGRES_PASSWORD": password, "POSTGRES_USER": "app", "POSTGRES_DB": "shop"], runID: run)
            try await TestBed.waitReady(source, engine: "postgres")
            let directory = "/var/tmp/bt-image-tests/\(run)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // A bind mount keeps the host directory's owner: the image's user (uid 10001) must own it to write there.
            try FileManager.default.setAttributes([.ownerAccountID: 10_001, .groupOwnerAccountID: 10_001], ofItemAtPath: directory)
            let name = "bt-\(run)-image"
            // No command: the image's default is the daemon. No network: the socket and loopback (the health check)
            // are all it needs.
            try await TestBed.docker([
                "run", "-d", "--name", name, "--label", "\(TestBed.testLabel)=\(run)", "--label", "\(TestBed.ownerLabel)=\(TestBed.owner)",
                "--network", "none", "--group-add", "\(try Self.socketGroup())",
                "-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", "\(directory):/backups",
                "-e", "BT_RUN_ON_START=true", "-e", "BT_CRON=0 0 1 1 *", "-e", "BT_FILTER_LABEL=\(TestBed.testLabel)=\(run)", "-e", Self.profileFile,
                "--health-interval", "1s", image,
            ])
            func backups() -> [String] {
                (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".sql.gz") }
            }
            try await Self.wait(for: "a backup file", container: name) { !backups().isEmpty }
            try await Self.wait(for: "the health check to pass", container: name) {
                try await TestBed.docker(["inspect", "-f", "{{.State.Health.Status}}", name]) == "healthy"
            }

            // The daemon runs as the image's user, not root.
            let pid = try await TestBed.docker(["inspect", "-f", "{{.State.Pid}}", name])
            let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
            let uid = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }?.split(whereSeparator: \.isWhitespace).dropFirst().first
            #expect(uid == "10001", "\(status.prefix(600))")
            #expect(try await TestBed.docker(["inspect", "-f", #"{{index .Config.Labels "org.opencontainers.image.licenses"}}"#, name]) == "Apache-2.0")

            try await TestBed.docker(["stop", "-t", "60", name])
            #expect(try await TestBed.docker(["inspect", "-f", "{{.State.ExitCode}}", name]) == "0")
            let logs = try await TestBed.tool("/usr/bin/env", ["docker", "logs", name])
            let log = logs.output + logs.errors
            #expect(log.contains("backup finished") && log.contains(source), "\(log.suffix(3000))")
            #expect(!log.contains(password))

            let file = try #require(backups().first)
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(directory)/\(file)")
            #expect(attributes[.ownerAccountID] as? Int == 10_001)
            #expect(try await TestBed.tool("/usr/bin/env", ["gzip", "-t", "\(directory)/\(file)"]).status == 0)
        }
    }

    @Test func composeExampleBacksUpBothDatabasesAndComesDownClean() async throws {
        let image = try await Self.image.value
        try await TestBed.withRun { run in
            // Compose names containers, the network and the volumes after the project.
            let project = "bt\(run)"
            let directory = "/var/tmp/bt-image-tests/\(run)-compose"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // The example as it is, plus what a test needs: this run's labels on every container (for the cleanup of
            // an interrupted run) and the daemon confined to them.
            let labels = "{\(TestBed.testLabel): \(run), \(TestBed.ownerLabel): \(TestBed.owner)}"
            let override = """
                services:
                  baktainer:
                    labels: \(labels)
                    environment:
                      BT_FILTER_LABEL: \(TestBed.testLabel)=\(run)
                      LLVM_PROFILE_FILE: /tmp/baktainer-%p.profraw
                  postgres:
                    labels: \(labels)
                  mariadb:
                    labels: \(labels)

                """
            try override.write(toFile: "\(directory)/override.yaml", atomically: true, encoding: .utf8)
            let environment = [
                "BAKTAINER_IMAGE=\(image)", "POSTGRES_IMAGE=baktainer-fixture/postgres:current", "MARIADB_IMAGE=baktainer-fixture/mariadb11:current",
                "DOCKER_GID=\(try Self.socketGroup())",
            ]
            let example = Self.root.appendingPathComponent("examples/compose.yaml").path
            func compose(_ arguments: [String]) async throws -> TestBed.ToolOutcome {
                try await TestBed.tool(
                    "/usr/bin/env", environment + ["docker-compose", "-p", project, "-f", example, "-f", "\(directory)/override.yaml"] + arguments)
            }
            do {
                let up = try await compose(["up", "-d"])
                guard up.status == 0 else { throw TestBedError("docker-compose up failed: \(up.output.suffix(2000)) \(up.errors.suffix(3000))") }
                let daemon = try await compose(["ps", "-q", "baktainer"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
                // The image has no shell: the daemon's own `verify --all` shows what is in /backups, and that it is whole.
                var verify = TestBed.ToolOutcome(status: -1, data: Data(), errors: "")
                try await Self.wait(for: "a verified backup of each database", container: daemon) {
                    verify = try await TestBed.tool("/usr/bin/env", ["docker", "exec", "-e", Self.profileFile, daemon, "baktainer", "verify", "--all"])
                    return verify.output.contains("/shop-postgres-") && verify.output.contains("/wiki-mariadb-")
                }
                #expect(verify.status == 0, "\(verify.output) \(verify.errors)")
            } catch {
                _ = try? await compose(["down", "-v"])
                throw error
            }
            let down = try await compose(["down", "-v"])
            #expect(down.status == 0, "\(down.errors)")
            #expect(try await TestBed.docker(["ps", "-aq", "--filter", "label=com.docker.compose.project=\(project)"]).isEmpty)
            #expect(try await TestBed.docker(["volume", "ls", "-q", "--filter", "label=com.docker.compose.project=\(project)"]).isEmpty)
            #expect(try await TestBed.docker(["network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(project)"]).isEmpty)
        }
    }
}
