import Foundation
import Testing

/// `baktainer backup` and `baktainer validate` as a user runs them: the real binary, the real daemon, real
/// failures (a full disk, a read-only disk, a container killed mid-dump).
@Suite struct BackupCommandTests {
    /// A fresh backup directory per test.
    let directory = "/var/tmp/bt-cli-tests/\(UUID().uuidString.prefix(8))"

    /// Every file (not directory) under `path`.
    private func files(under path: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue { found.append(item) }
        }
        return found.sorted()
    }

    /// Mounts a tmpfs of `size` at a fresh directory for `body`, unmounting afterwards.
    private func withTmpfs<R>(size: String, options: String = "", _ body: (String) async throws -> R) async throws -> R {
        let mountPoint = "/var/tmp/bt-tmpfs-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try shell(["mount", "-t", "tmpfs", "-o", "size=\(size)\(options)", "tmpfs", mountPoint])
        defer {
            try? shell(["umount", mountPoint])
            try? FileManager.default.removeItem(atPath: mountPoint)
        }
        return try await body(mountPoint)
    }

    private func shell(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestBedError("\(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    }

    private func standin(bytes: Int, sleep: Int? = nil, labels: [String: String] = [:], run: String) async throws -> String {
        var environment = ["MONGO_STANDIN_BYTES": "\(bytes)"]
        if let sleep { environment["MONGO_STANDIN_SLEEP"] = "\(sleep)" }
        return try await TestBed.startContainer(
            fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb"].merging(labels) { $1 },
            environment: environment, runID: run)
    }

    @Test func fullDiskFailsCleanlyNamesTheContainerAndKeepsOlderBackups() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 8 << 20, run: run)
            try await withTmpfs(size: "2m") { root in
                try FileManager.default.createDirectory(atPath: root + "/2020-01-01", withIntermediateDirectories: true)
                let older = root + "/2020-01-01/\(source)-1577836800.archive"
                try Data("older backup".utf8).write(to: URL(fileURLWithPath: older))
                // Zeros compress to almost nothing: store them as they are, so that 8 MiB really meet a 2 MiB disk.
                let result = try await BaktainerProcess.run(["backup", source], environment: ["BT_BACKUP_DIR": root, "BT_COMPRESS": "none"])
                #expect(result.status == 1)
                let row = try #require(result.output.split(separator: "\n").first { $0.hasPrefix(source) })
                #expect(row.contains("failed") && row.contains("no space left") && row.contains("BT_BACKUP_DIR"), "\(row)")
                #expect(files(under: root) == ["2020-01-01/\(source)-1577836800.archive"])
                #expect(try String(contentsOfFile: older, encoding: .utf8) == "older backup")
            }
            // The dump was stopped inside the container, not left blocked on a full pipe.
            #expect(!(try await TestBed.processCommandLines(in: source)).contains { $0.contains("mongodump") || $0.hasPrefix("head ") })
        }
    }

    @Test func belowTheFreeSpaceMinimumTheBackupIsRefusedAndOlderBackupsStay() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 1024, run: run)
            try await withTmpfs(size: "2m") { root in
                try FileManager.default.createDirectory(atPath: root + "/2020-01-01", withIntermediateDirectories: true)
                let older = root + "/2020-01-01/\(source)-1577836800.archive"
                try Data("older backup".utf8).write(to: URL(fileURLWithPath: older))
                let refused = try await BaktainerProcess.run(["backup", source], environment: ["BT_BACKUP_DIR": root, "BT_MIN_FREE_SPACE": "10M"])
                #expect(refused.status == 1)
                let row = try #require(refused.output.split(separator: "\n").first { $0.hasPrefix(source) })
                #expect(row.contains("failed") && row.contains("BT_MIN_FREE_SPACE=10M") && row.contains("not started"), "\(row)")
                #expect(files(under: root) == ["2020-01-01/\(source)-1577836800.archive"])
                #expect(try String(contentsOfFile: older, encoding: .utf8) == "older backup")

                let allowed = try await BaktainerProcess.run(["backup", source], environment: ["BT_BACKUP_DIR": root, "BT_MIN_FREE_SPACE": "10%"])
                #expect(allowed.status == 0, "\(allowed.output)")
            }
        }
    }

    @Test func readOnlyBackupDirectoryIsAClearError() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 1024, run: run)
            try await withTmpfs(size: "1m", options: ",ro") { root in
                // Zeros compress to almost nothing: store them as they are, so that 8 MiB really meet a 2 MiB disk.
                let result = try await BaktainerProcess.run(["backup", source], environment: ["BT_BACKUP_DIR": root, "BT_COMPRESS": "none"])
                #expect(result.status == 1)
                #expect(result.output.contains("cannot create backup directory \(root)/") && result.output.contains("BT_BACKUP_DIR"), "\(result.output)")
                #expect(files(under: root).isEmpty)
            }
        }
    }

    @Test func containerKilledMidDumpFailsTheCommandAndLeavesNoFile() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 64 << 20, sleep: 30, run: run)
            let backup = try BaktainerProcess(["backup", source], environment: ["BT_BACKUP_DIR": directory])
            var waited = 0
            while files(under: directory).isEmpty && waited < 300 {
                try await Task.sleep(for: .milliseconds(100))
                waited += 1
            }
            try await TestBed.docker(["kill", source])
            let result = try await backup.finish()
            #expect(result.status == 1)
            let row = try #require(result.output.split(separator: "\n").first { $0.hasPrefix(source) }, "\(result.output)")
            #expect(row.contains("failed"))
            #expect(result.errors.contains("container=\(source)"))
            #expect(!result.errors.contains("backup failed"), "the error is printed once, in the table: \(result.errors)")
            #expect(files(under: directory).isEmpty, "left behind: \(files(under: directory))")
        }
    }

    @Test func validateExplainsEachBadContainerAndPassesGoodOnes() async throws {
        try await TestBed.withRun { run in
            let good = try await standin(bytes: 0, run: run)
            let bad = try await standin(bytes: 0, labels: ["baktainer.db.engine": "postgress"], run: run)
            let custom = try await standin(bytes: 0, labels: ["baktainer.db.engine": "custom", "baktainer.command": "sh -c id"], run: run)

            // Only this run's containers: test containers carry baktainer.test.owner, below the filter's key.
            let own = ["BT_FILTER_LABEL": "\(TestBed.testLabel)=\(run)", "BT_BACKUP_DIR": directory]
            let fine = try await BaktainerProcess.run(["validate", good], environment: own)
            #expect(fine.status == 0, "\(fine.output)\(fine.errors)")
            #expect(fine.output.contains("configuration, backup directory, labels and connections are valid"))

            let mixed = try await BaktainerProcess.run(["validate", good, bad, custom], environment: own)
            #expect(mixed.status == 1)
            #expect(
                mixed.errors.contains(
                    "container '\(bad)': baktainer.db.engine 'postgress' is not an engine: did you mean postgres? (engines: custom, mariadb,"))
            #expect(mixed.errors.contains("container '\(custom)': baktainer.command runs 'sh', which is not an allowed dump tool"))
            #expect(!mixed.errors.contains("container '\(good)'"))
            let goodRow = try #require(mixed.output.split(separator: "\n").first { $0.hasPrefix(good) })
            #expect(goodRow.contains(" ok "))

            let badConfiguration = try await BaktainerProcess.run(
                ["validate", good], environment: own.merging(["BT_THREADS": "many", "BT_LOG_LEVEL": "loud"]) { $1 })
            #expect(badConfiguration.status == 1)
            #expect(badConfiguration.errors.contains("BT_THREADS: 'many' is not a whole number"))
            #expect(badConfiguration.errors.contains("BT_LOG_LEVEL: 'loud' is not a log level"))
        }
    }

    @Test func jsonLogsCarryContainerEngineAndRunButNoPassword() async throws {
        try await TestBed.withRun { run in
            let password = "log-\(run)-secret"
            let source = try await standin(bytes: 4096, labels: ["baktainer.db.password": password], run: run)
            let result = try await BaktainerProcess.run(
                ["backup", source, "--log-format", "json"], environment: ["BT_BACKUP_DIR": directory, "LOG_LEVEL": "debug"])
            #expect(result.status == 0, "\(result.output)\(result.errors)")
            // Inside a container (as in CI) `backup` warns at start that the test's backup directory is no volume: no target's line.
            let lines = result.errors.split(separator: "\n").filter { $0.hasPrefix("{") && !$0.contains("is not on a mounted volume") }
            #expect(lines.count >= 2)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["container"] as? String == source && object["engine"] as? String == "mongodb")
                #expect(object["run"] is String && object["level"] is String)
                if object["message"] as? String == "backup finished" {
                    #expect(object["bytes"] is NSNumber && object["seconds"] is NSNumber, "sizes and durations are numbers: \(line)")
                }
            }
            #expect(lines.contains { $0.contains("backup finished") })
            #expect(!result.errors.contains(password) && !result.output.contains(password))

            let quiet = try await BaktainerProcess.run(["backup", source, "--quiet"], environment: ["BT_BACKUP_DIR": directory])
            #expect(quiet.status == 0 && quiet.output.isEmpty && quiet.errors.isEmpty, "\(quiet.output)\(quiet.errors)")
        }
    }

    @Test func dryRunShowsTheCommandWithSecretsMaskedAndWritesNothing() async throws {
        try await TestBed.withRun { run in
            let password = "dry-\(run)-secret"
            let source = try await standin(bytes: 4096, labels: ["baktainer.db.password": password, "baktainer.db.user": "backup"], run: run)
            let result = try await BaktainerProcess.run(["backup", source, "--dry-run"], environment: ["BT_BACKUP_DIR": directory])
            #expect(result.status == 0)
            #expect(result.output.contains("BAKTAINER_DB_PASSWORD=••••••"))
            #expect(result.output.contains("--username=backup"))
            #expect(result.output.contains("→ \(directory)/"))
            #expect(!result.output.contains(password) && !result.errors.contains(password))
            #expect(files(under: directory).isEmpty)
        }
    }

    @Test func aNameThatMatchesNothingFailsTheRunThoughTheOthersAreBackedUp() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 4096, run: run)
            let missing = "no-such-\(run)"
            let result = try await BaktainerProcess.run(["backup", source, missing], environment: ["BT_BACKUP_DIR": directory])
            #expect(result.status == 1, "\(result.output)")
            #expect(result.output.contains("is named '\(missing)'"), "\(result.output)")
            #expect(files(under: directory).contains { $0.hasSuffix(".archive.gz") }, "the found one is still backed up")
            let dryRun = try await BaktainerProcess.run(["backup", "--dry-run", source, missing], environment: ["BT_BACKUP_DIR": directory])
            #expect(dryRun.status == 1, "\(dryRun.output)")
        }
    }

    @Test func aTerminalShowsLiveProgressAndAPipeDoesNot() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 200 << 20, run: run)
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("baktainer").path
            // `script` gives the command a pseudo-terminal and copies what it draws to stdout.
            let terminal = try BaktainerProcessOutput.run(
                "/usr/bin/script", ["-qec", "\(binary) backup \(source)", "/dev/null"], environment: ["BT_BACKUP_DIR": directory])
            #expect(terminal.contains("\r\(source) ") && terminal.contains(" MiB/s"), "\(terminal.suffix(400))")
            let piped = try await BaktainerProcess.run(["backup", source], environment: ["BT_BACKUP_DIR": directory])
            #expect(!piped.errors.contains("MiB/s") && !piped.output.contains("MiB/s"))
        }
    }
}

/// Runs any program to the end and returns its standard output.
enum BaktainerProcessOutput {
    static func run(_ program: String, _ arguments: [String], environment: [String: String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(BaktainerProcess.defaultEnvironment) { $1 }.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
