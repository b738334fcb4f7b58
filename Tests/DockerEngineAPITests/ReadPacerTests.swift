import NIOCore
import Testing

@testable import DockerEngineAPI

@Suite struct ReadPacerTests {
    private let start = NIODeadline.uptimeNanoseconds(1_000_000_000)

    @Test func aReaderThatFindsPlentyWaitingIsNeverPaused() {
        var pacer = ReadPacer()
        for step in 0..<10 {
            #expect(pacer.pause(afterCycleOf: 256 << 10, at: start + .microseconds(Int64(step) * 100)) == nil)
        }
    }

    @Test func theFirstSmallCycleReadsAtOnceForWantOfAnEstimate() {
        var pacer = ReadPacer()
        #expect(pacer.pause(afterCycleOf: 4096, at: start) == nil)
    }

    @Test func waitsUntilAboutGatherBytesShouldBeWaiting() {
        var pacer = ReadPacer()
        _ = pacer.pause(afterCycleOf: 4096, at: start)
        #expect(pacer.pause(afterCycleOf: 100_000, at: start + .microseconds(100)) == nil)  // not small: read on
        // 120,000 bytes since the last small cycle, in 600 µs: 200 MB/s, so 512 KiB take 2.62 ms.
        let pause = pacer.pause(afterCycleOf: 20_000, at: start + .microseconds(600))
        #expect(pause == .nanoseconds(2_621_440))
    }

    @Test func aSlowProducerGetsTheLongestPauseAndAFastOneNone() {
        var slow = ReadPacer()
        _ = slow.pause(afterCycleOf: 100, at: start)
        #expect(slow.pause(afterCycleOf: 100, at: start + .milliseconds(10)) == .milliseconds(4))
        var fast = ReadPacer()
        _ = fast.pause(afterCycleOf: 60_000, at: start)
        #expect(fast.pause(afterCycleOf: 60_000, at: start + .microseconds(5)) == nil)  // 43 µs: not worth a timer
    }

    @Test func thePauseFollowsTheProducersRateAsItChanges() throws {
        var pacer = ReadPacer()
        _ = pacer.pause(afterCycleOf: 1000, at: start)
        let first = pacer.pause(afterCycleOf: 60_000, at: start + .milliseconds(1))  // 60 MB/s
        let slow = try #require(first)
        var now = start + .milliseconds(1)
        var pauses: [TimeAmount] = []
        for _ in 0..<5 {  // then 600 MB/s
            now = now + .microseconds(100)
            let pause = pacer.pause(afterCycleOf: 60_000, at: now)
            pauses.append(try #require(pause))
        }
        #expect(pauses.first! < slow)
        #expect(zip(pauses, pauses.dropFirst()).allSatisfy { $0 > $1 })
    }
}
