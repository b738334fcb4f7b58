import BaktainerCore
import Foundation
import Testing

/// The scheduler's bookkeeping with an injected clock: due jobs, overlaps, missed runs, slots, discovery.
@Suite struct DaemonStateTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T…Z, a whole minute? checked below
    let everyMinute = try! BackupSchedule(name: "default", text: "* * * * *")

    func state() -> DaemonState {
        DaemonState(defaultSchedule: everyMinute, timeZone: TimeZone(identifier: "UTC")!, startedAt: Self.start)
    }

    func target(_ name: String, schedules: [BackupSchedule] = []) -> BackupTarget {
        var target = BackupTarget(containerID: name + "-id", containerName: name, engine: PostgresEngine(), database: "db")
        target.schedules = schedules
        return target
    }

    func record(at date: Date) -> Result<BackupRecord, BackupFailure> {
        .success(
            BackupRecord(
                container: "a", engine: "postgres", file: "/b/a.sql", size: 10, sha256: "00", durationSeconds: 1, exitCode: 0,
                startedAt: date.timeIntervalSince1970, baktainerVersion: "t"))
    }

    /// Reports `outcome` as the job runner would, then frees the job's slot.
    func finish(_ state: DaemonState, _ job: DaemonJob, _ outcome: Result<BackupRecord, BackupFailure>, now: Date) async {
        switch outcome {
        case .success(let record): await state.observe(.succeeded(job.info, record, location: record.file, attempts: 1), at: now)
        case .failure(let failure): await state.observe(.failed(job.info, failure, attempts: 1), at: now)
        }
        state.finish(job)
    }

    /// The first whole minute after `start` plus `seconds`.
    func at(minute: Int, second: Int = 0) -> Date {
        let base = (Self.start.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        return Date(timeIntervalSince1970: base + Double(minute * 60 + second))
    }

    @Test func aJobRunsWhenDueAndNotBefore() async {
        let state = state()
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("a"))], now: Self.start)
        #expect(state.takeDueJobs(now: at(minute: 0, second: -1), slots: 4).start.isEmpty)
        #expect(state.takeDueJobs(now: at(minute: 0), slots: 4).start.map(\.key) == ["local/a/default"])
        #expect(state.snapshot().jobs.first?.nextRun == at(minute: 1))
    }

    @Test func aRunStillGoingAtItsNextTimeIsSkippedAndCounted() async {
        let state = state()
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("a"))], now: Self.start)
        let first = state.takeDueJobs(now: at(minute: 0), slots: 4).start
        let second = state.takeDueJobs(now: at(minute: 1), slots: 4)
        #expect(second.start.isEmpty && second.skipped.map(\.key) == ["local/a/default"])
        await finish(state, first[0], record(at: at(minute: 0)), now: at(minute: 1, second: 30))
        #expect(state.snapshot().jobs[0].skippedOverlaps == 1)
        #expect(state.takeDueJobs(now: at(minute: 1, second: 31), slots: 4).start.isEmpty, "the skipped run is not made up")
        #expect(state.takeDueJobs(now: at(minute: 2), slots: 4).start.count == 1)
    }

    @Test func runsMissedWhileDockerWasDownRunOnceWhenItIsBack() async {
        let state = state()
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("a")), .success(target("b"))], now: Self.start)
        state.setDockerReachable(false, error: "gone")
        for minute in 0..<5 {
            #expect(state.takeDueJobs(now: at(minute: minute), slots: 4).start.isEmpty)
        }
        state.setDockerReachable(true)
        #expect(state.takeDueJobs(now: at(minute: 4, second: 10), slots: 4).start.map(\.key) == ["local/a/default", "local/b/default"])
        #expect(state.takeDueJobs(now: at(minute: 4, second: 20), slots: 4).start.isEmpty)
    }

    @Test func noMoreThanTheSlotsRunAtOnceAndTheRestWait() async {
        let state = state()
        state.setDockerReachable(true)
        state.synchronize(with: ["a", "b", "c"].map { .success(target($0)) }, now: Self.start)
        let first = state.takeDueJobs(now: at(minute: 0), slots: 2).start
        #expect(first.count == 2 && state.runningCount == 2)
        #expect(state.takeDueJobs(now: at(minute: 0, second: 5), slots: 2).start.isEmpty)
        await finish(state, first[0], record(at: at(minute: 0)), now: at(minute: 0, second: 6))
        #expect(state.takeDueJobs(now: at(minute: 0, second: 7), slots: 2).start.map(\.key) == ["local/c/default"])
    }

    @Test func namedSchedulesAreSeparateStreamsAndDiscoveryAddsAndDrops() async throws {
        let state = state()
        let hourly = try BackupSchedule(name: "hourly", text: "0 * * * *")
        let daily = try BackupSchedule(name: "daily", text: "0 0 * * *")
        var changes = state.synchronize(with: [.success(target("a", schedules: [hourly, daily])), .success(target("b"))], now: Self.start)
        #expect(changes.added == ["local/a/daily", "local/a/hourly", "local/b/default"])
        changes = state.synchronize(
            with: [.success(target("a", schedules: [hourly])), .failure(TargetError(containerName: "c", message: "bad"))], now: Self.start)
        #expect(changes.added.isEmpty && changes.removed == ["local/a/daily", "local/b/default"])
        #expect(state.snapshot().invalid == ["c": "bad"])
    }

    @Test func aJobRemovedWhileRunningIsNeverStartedAgainAndGoesWhenItEnds() async {
        let state = state()
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("a")), .success(target("b"))], now: Self.start)
        let running = state.takeDueJobs(now: at(minute: 0), slots: 4).start
        #expect(running.map(\.key) == ["local/a/default", "local/b/default"])
        let changes = state.synchronize(with: [.success(target("b"))], now: at(minute: 0, second: 10))
        #expect(changes.removed.isEmpty && state.snapshot().jobs.map(\.container) == ["a", "b"], "a running job keeps its entry")
        await finish(state, running[1], record(at: at(minute: 0)), now: at(minute: 0, second: 20))
        let later = state.takeDueJobs(now: at(minute: 1), slots: 4)
        #expect(later.start.map(\.key) == ["local/b/default"] && later.skipped.isEmpty, "the removed job is neither started nor counted as skipped")
        await finish(state, running[0], record(at: at(minute: 0)), now: at(minute: 1, second: 5))
        #expect(state.snapshot().jobs.map(\.container) == ["b"])
        #expect(state.runningCount == 1)
        #expect(state.takeDueJobs(now: at(minute: 2), slots: 4).start.isEmpty, "b still runs; a is gone")
    }

    @Test func runOnStartMakesEveryJobDueAtTheFirstSynchronizationOnly() async {
        let state = state()
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("a"))], now: Self.start, runOnFirstSynchronization: true)
        #expect(state.takeDueJobs(now: Self.start, slots: 4).start.count == 1)
        state.synchronize(with: [.success(target("a")), .success(target("b"))], now: Self.start, runOnFirstSynchronization: true)
        #expect(state.takeDueJobs(now: Self.start.addingTimeInterval(1), slots: 4).start.isEmpty)
    }

    @Test func freshnessUsesTheMaximumAgeOrThreeScheduleIntervals() async {
        let state = state()
        state.setDockerReachable(true)
        state.synchronize(with: [.success(target("a"))], now: Self.start)
        #expect(state.staleJobs(now: Self.start.addingTimeInterval(170), maximumAge: nil).isEmpty)
        #expect(state.staleJobs(now: Self.start.addingTimeInterval(190), maximumAge: nil).map(\.container) == ["a"])
        let job = state.takeDueJobs(now: at(minute: 0), slots: 4).start[0]
        await finish(state, job, record(at: at(minute: 0)), now: at(minute: 0, second: 1))
        #expect(state.staleJobs(now: at(minute: 2), maximumAge: nil).isEmpty)
        #expect(state.staleJobs(now: at(minute: 2), maximumAge: .seconds(60)).count == 1)
        await finish(state, job, .failure(BackupFailure(container: "a", code: .dumpFailed, message: "x")), now: at(minute: 4))
        #expect(state.staleJobs(now: at(minute: 4), maximumAge: nil).count == 1, "a failure does not refresh")
    }

    @Test func theFreshnessLimitFollowsEachNewSuccessAndScheduleChange() async throws {
        let state = state()
        state.setDockerReachable(true)
        let monthly = try BackupSchedule(name: "default", text: "0 0 1 * *")
        let january = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z
        let day: TimeInterval = 86_400
        state.synchronize(with: [.success(target("a", schedules: [monthly]))], now: january.addingTimeInterval(-60))
        let job = state.takeDueJobs(now: january, slots: 1).start[0]
        await finish(state, job, record(at: january), now: january)
        // The interval after 1 January is February's 28 days: stale after 84 days.
        #expect(state.staleJobs(now: january.addingTimeInterval(83 * day), maximumAge: nil).isEmpty)
        #expect(state.staleJobs(now: january.addingTimeInterval(85 * day), maximumAge: nil).count == 1)
        // A success on 1 February: March's 31 days make it 93, not the 84 worked out before.
        let february = january.addingTimeInterval(31 * day)
        let again = state.takeDueJobs(now: february, slots: 1).start[0]
        await finish(state, again, record(at: february), now: february)
        #expect(state.staleJobs(now: february.addingTimeInterval(92 * day), maximumAge: nil).isEmpty)
        #expect(state.staleJobs(now: february.addingTimeInterval(94 * day), maximumAge: nil).count == 1)
        // Relabelled to daily: three days.
        let daily = try BackupSchedule(name: "default", text: "0 0 * * *")
        state.synchronize(with: [.success(target("a", schedules: [daily]))], now: february)
        #expect(state.staleJobs(now: february.addingTimeInterval(4 * day), maximumAge: nil).count == 1)
    }
}
