import BaktainerCore
import Foundation
import Glibc
import Testing

/// No backup is ever lost, as a user runs `baktainer backup`: two containers sharing a backup name, many runs in
/// one second, Ctrl-C, SIGTERM and `kill -9` in the middle of a dump.
@Suite struct BackupKeepingIntegrationTests {
    /// A fresh backup directory per test.
    let directory = "/var/tmp/bt-keeping-tests/\(UUID().uuidString.prefix(8))"

    /// Every file (not directory) under the backup directory, relative to it.
    private func files() -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var found: [String] = []
        while let item = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue { found.append(item) }
        }
        return found.sorted()
    }

    /// The backup files (no sidecar, no partial file) with their records.
    private func backups() throws -> [(file: String, record: BackupRecord)] {
        try files().filter { BackupFileName(String($0.split(separator: "/").last ?? "")) != nil }.map { file in
            (file, try JSONDecoder().decode(BackupRecord.self, from: Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(file).json"))))
        }
    }

    private func standin(bytes: Int, sleep: Int? = nil, labels: [String: String] = [:], run: String) async throws -> String {
        var environment = ["MONGO_STANDIN_BYTES": "\(bytes)"]
        if let sleep { environment["MONGO_STANDIN_SLEEP"] = "\(sleep)" }
        return try await TestBed.startContainer(
            fixture: "mongo-standin", labels: ["baktainer.backup": "true", "baktainer.db.engine": "mongodb"].merging(labels) { $1 },
            environment: environment, runID: run)
    }

    /// Polls `condition` every 100 ms until it holds (a hang guard of `limit`, not a timing claim).
    private func wait(for what: String, limit: Duration = .seconds(120), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw TestBedError("gave up waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Starts `backup SOURCE` on a slow dump and returns once the dump runs inside the container and a partial file
    /// other than those in `known` exists.
    private func startSlowBackup(of source: String, known: Set<String> = []) async throws -> BaktainerProcess {
        let backup = try BaktainerProcess(["backup", source], environment: ["BT_BACKUP_DIR": directory])
        try await wait(for: "the dump to be under way") {
            let dumping = try await TestBed.processCommandLines(in: source).contains { $0.hasPrefix("sleep 300") }
            return dumping && files().contains { $0.hasSuffix(".partial") && !known.contains($0) }
        }
        return backup
    }

    @Test func twoContainersSharingABackupNameKeepEveryBackupOneAfterTheOtherAndInParallel() async throws {
        try await TestBed.withRun { run in
            let first = try await standin(bytes: 2048, labels: ["baktainer.name": "shared-\(run)"], run: run)
            let second = try await standin(bytes: 2048, labels: ["baktainer.name": "shared-\(run)"], run: run)
            let environment = ["BT_BACKUP_DIR": directory, "BT_FILTER_LABEL": "\(TestBed.testLabel)=\(run)"]
            for threads in ["1", "4"] {
                let result = try await BaktainerProcess.run(["backup"], environment: environment.merging(["BT_THREADS": threads]) { $1 })
                #expect(result.status == 0, "BT_THREADS=\(threads): \(result.output)\(result.errors)")
            }
            let kept = try backups()
            #expect(kept.count == 4, "\(files())")
            #expect(Set(kept.map(\.file)).count == 4)
            for (file, record) in kept { #expect(record.file == file, "the record names another file") }
            let containers = kept.map(\.record.container)
            #expect(containers.filter { $0 == first }.count == 2 && containers.filter { $0 == second }.count == 2, "\(containers)")

            // Retention after each backup keeps the newest of each container, never one container's at the other's expense.
            let pruned = try await BaktainerProcess.run(["backup"], environment: environment.merging(["BT_RETENTION_KEEP_LAST": "1"]) { $1 })
            #expect(pruned.status == 0, "\(pruned.output)\(pruned.errors)")
            let left = try backups()
            #expect(left.map(\.record.container).sorted() == [first, second].sorted(), "\(files())")
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func tenBackToBackRunsOfOneTargetKeepTenBackups() async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 1024, run: run)
            for _ in 0..<10 {
                let result = try await BaktainerProcess.run(["backup", source, "--quiet"], environment: ["BT_BACKUP_DIR": directory])
                #expect(result.status == 0, "\(result.output)\(result.errors)")
            }
            let kept = try backups()
            #expect(kept.count == 10, "\(files())")
            #expect(kept.allSatisfy { $0.record.file == $0.file && $0.record.container == source })
            #expect(!files().contains { $0.hasSuffix(".partial") })
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test(arguments: [(SIGINT, Int32(130), "SIGINT"), (SIGTERM, Int32(143), "SIGTERM")])
    func aSignalStopsTheDumpInTheContainerAndLeavesNoPartialFile(_ signal: Int32, _ status: Int32, _ name: String) async throws {
        try await TestBed.withRun { run in
            let source = try await standin(bytes: 1 << 20, sleep: 300, run: run)
            let backup = try await startSlowBackup(of: source)
            kill(backup.process.processIdentifier, signal)
            let result = try await backup.finish()
            #expect(result.status == status && backup.process.terminationReason == .exit, "\(result.output)\(result.errors)")
            #expect(result.errors.contains("interrupted by \(name)"), "\(result.errors)")
            #expect(files().isEmpty, "left behind: \(files())")
            let processes = try await TestBed.processCommandLines(in: source)
            #expect(!processes.contains { $0.contains("mongodump") || $0.hasPrefix("sleep 300") }, "\(processes)")
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func theNextStartSweepsThePartialFileOfAKilledRunButNeverALiveOne() async throws {
        try await TestBed.withRun { run in
            let slow = try await standin(bytes: 1 << 20, sleep: 300, run: run)
            let quick = try await standin(bytes: 1024, run: run)
            let killed = try await startSlowBackup(of: slow)
            kill(killed.process.processIdentifier, SIGKILL)
            _ = try await killed.finish()
            let stale = try #require(files().first { $0.hasSuffix(".partial") })

            let listed = try await BaktainerProcess.run(["list", "--backups"], environment: ["BT_BACKUP_DIR": directory])
            #expect(listed.errors.contains("\(directory)/\(stale)") && listed.errors.contains("interrupted backup"), "\(listed.errors)")
            let verified = try await BaktainerProcess.run(["verify", "--all"], environment: ["BT_BACKUP_DIR": directory])
            #expect(verified.errors.contains("\(directory)/\(stale)") && verified.errors.contains("interrupted backup"), "\(verified.errors)")

            // The next start sweeps the dead run's partial file…
            let other = try await standin(bytes: 1 << 20, sleep: 300, run: run)
            let live = try await startSlowBackup(of: other, known: [stale])
            let livePartials = Set(files().filter { $0.hasSuffix(".partial") })
            #expect(livePartials.count == 1 && !livePartials.contains(stale), "\(files())")
            // …but never the partial file of a backup still running.
            let next = try await BaktainerProcess.run(["backup", quick], environment: ["BT_BACKUP_DIR": directory])
            #expect(next.status == 0, "\(next.output)\(next.errors)")
            #expect(Set(files().filter { $0.hasSuffix(".partial") }) == livePartials, "\(files())")

            live.process.interrupt()
            let interrupted = try await live.finish()
            #expect(interrupted.status == 130)
            #expect(interrupted.errors.contains("removed \(directory)/\(stale)"), "\(interrupted.errors)")
            #expect(!files().contains { $0.hasSuffix(".partial") }, "\(files())")
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func theDaemonSweepsStalePartialFilesWhenItStarts() async throws {
        try await TestBed.withRun { run in
            let stale = "\(directory)/2026-01-01/db-1767225600.sql.gz.partial"
            try FileManager.default.createDirectory(atPath: directory + "/2026-01-01", withIntermediateDirectories: true)
            try Data("half a dump".utf8).write(to: URL(fileURLWithPath: stale))
            let daemon = try DaemonIntegrationTests.Daemon(run: run, environment: ["BT_BACKUP_DIR": directory, "BT_CRON": "0 0 1 1 *"])
            defer { daemon.terminate() }
            try await daemon.wait(for: "the status server", limit: .seconds(300)) { try await daemon.get("/live").status == 200 }
            let outcome = try await daemon.stop()
            #expect(outcome.errors.contains("the unfinished file of a backup that was interrupted"), "\(outcome.errors.suffix(2000))")
            #expect(files().isEmpty, "\(files())")
            try? FileManager.default.removeItem(atPath: directory)
        }
    }
}
