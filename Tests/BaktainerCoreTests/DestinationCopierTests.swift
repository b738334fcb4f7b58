import BaktainerCore
import Foundation
import NIOCore
import Testing

/// Copies off the host through the in-memory storage as both source and destination: each new backup is copied
/// with its sidecars, a failed copy is reported for its destination and caught up by the next backup (oldest
/// first, only what the destination's policy keeps), and destination retention leaves exactly its policy's set.
@Suite(.timeLimit(.minutes(1))) struct DestinationCopierTests {
    struct Setup {
        let runtime = BackupJobRunnerTests.runtime(.output(BackupJobRunnerTests.dump))
        let local = InMemoryBackupStorage(name: "local")
        let remote = InMemoryBackupStorage(name: "s3")
        let events = EventRecorder()
        let clock = TestClock(start: Date(timeIntervalSince1970: 1_795_583_298))

        func jobs(remoteRetention: RetentionPolicy = RetentionPolicy()) -> BackupJobRunner {
            let copier = DestinationCopier(source: local, destinations: [remote], retention: ["s3": RetentionSettings(global: remoteRetention)])
            return BackupJobRunner(
                runner: BackupRunner(runtime: runtime, storage: local), storage: local, settings: PipelineSettings(), observer: events, clock: clock,
                now: { [clock] in clock.wallNow }, copier: copier)
        }

        var copies: [DestinationCopyResult] {
            events.all.compactMap { if case .copied(_, let result) = $0 { result } else { nil } }
        }
    }

    @Test func eachBackupIsCopiedWithItsSidecarsAndVerifiesThere() async throws {
        let setup = Setup()
        let record = try await setup.jobs().run(BackupJobRunnerTests.target()).get()
        let key = BackupKey(record.file)
        #expect(setup.events.kinds == ["started", "succeeded", "copied"])
        #expect(setup.copies.map(\.succeeded) == [true])
        #expect(setup.copies.first?.location == "s3:\(record.file)")
        let copied = try #require(setup.remote.contents[key])
        #expect(copied == setup.local.contents[key])
        _ = try await BackupVerifier(identities: []).verify(key, in: setup.remote).get()
    }

    @Test func aFailedCopyIsReportedKeepsTheLocalBackupAndIsCaughtUpOldestFirst() async throws {
        let setup = Setup()
        setup.remote.refusesCopies = "the bucket does not exist: create it or fix BT_S3_BUCKET"
        let first = try await setup.jobs().run(BackupJobRunnerTests.target()).get()
        #expect(setup.copies.count == 1)
        #expect(setup.copies.first?.error?.message.contains("BT_S3_BUCKET") == true)
        #expect(setup.local.contents[BackupKey(first.file)] != nil)
        #expect(setup.remote.contents.isEmpty)
        setup.clock.advance(by: .seconds(3600))
        let second = try await setup.jobs().run(BackupJobRunnerTests.target()).get()
        #expect(setup.remote.contents.isEmpty)
        setup.remote.refusesCopies = nil
        setup.clock.advance(by: .seconds(3600))
        let third = try await setup.jobs().run(BackupJobRunnerTests.target()).get()
        let caughtUp = setup.copies.suffix(3)
        #expect(caughtUp.map(\.key.rawValue) == [first.file, second.file, third.file])
        #expect(caughtUp.allSatisfy { $0.succeeded })
        #expect(Set(setup.remote.contents.keys) == Set(setup.local.contents.keys))
    }

    @Test func catchUpCopiesOnlyWhatTheDestinationKeepsAndRetentionPrunesThere() async throws {
        let setup = Setup()
        setup.remote.refusesCopies = "unreachable"
        var files: [String] = []
        for _ in 0..<4 {
            files.append(try await setup.jobs(remoteRetention: RetentionPolicy(keepLast: 2)).run(BackupJobRunnerTests.target()).get().file)
            setup.clock.advance(by: .seconds(3600))
        }
        setup.remote.refusesCopies = nil
        files.append(try await setup.jobs(remoteRetention: RetentionPolicy(keepLast: 2)).run(BackupJobRunnerTests.target()).get().file)
        // Keep-last 2 in the destination: only the two newest go up; nothing is copied to be pruned at once.
        #expect(setup.copies.filter(\.succeeded).map(\.key.rawValue) == Array(files.suffix(2)))
        #expect(setup.remote.contents.keys.map(\.rawValue).sorted() == Array(files.suffix(2)).sorted())
        #expect(setup.local.contents.count == 5)
        setup.clock.advance(by: .seconds(3600))
        let sixth = try await setup.jobs(remoteRetention: RetentionPolicy(keepLast: 2)).run(BackupJobRunnerTests.target()).get().file
        #expect(setup.remote.contents.keys.map(\.rawValue).sorted() == [files[4], sixth].sorted())
    }
}
