#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Logging
import ServiceLifecycle
import Synchronization

/// Tells people what happens to their backups, without ever slowing a backup down.
///
/// As a ``BackupObserver`` it only decides — each channel's ``AlertTracker`` turns an event into that channel's
/// messages — and queues them (bounded per channel: when a receiver is gone for long, the oldest queued message
/// is dropped and counted). ``run()`` delivers: one loop per channel, in order, each attempt bounded by
/// `attemptTimeout`, transient failures retried with back-off. A slow, failing or unreachable receiver holds up
/// only its own queue. On graceful shutdown (or ``close()``) it delivers what is queued within `drainTimeout`
/// and returns.
package final class Notifier: BackupObserver, Service {
    /// How deliveries are paced.
    package struct Timing: Sendable {
        /// One delivery attempt's limit.
        package var attemptTimeout: Duration = .seconds(10)
        /// Attempts of a delivery that fails for a transient reason.
        package var attempts = 3
        /// The pause before the second attempt; it doubles after.
        package var backoff: Duration = .seconds(2)
        /// How long queued messages may still be delivered after shutdown starts.
        package var drainTimeout: Duration = .seconds(10)
        /// Messages queued per channel at most.
        package var queueCapacity = 100
        /// How long Docker may be unreachable before it is reported.
        package var dockerUnreachableLimit: Duration = .seconds(600)

        /// The defaults.
        package init() {}
    }

    private struct ChannelState {
        var tracker: AlertTracker
        var queue: [BackupNotification] = []
    }

    private struct State {
        var channels: [ChannelState]
        var closedAt: Date?
    }

    /// The channels, in configuration order.
    package let channels: [any NotificationChannel]
    private let wakeups: [SchedulerWakeup]
    private let state: Mutex<State>
    private let timing: Timing
    private let hostname: String?
    private let record: @Sendable (_ channel: String, _ result: String) -> Void
    private let logger: Logger
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date

    /// A notifier for `channels`. `record` counts each delivery (`sent`, `failed`, `dropped`) per channel name, for
    /// `baktainer_notifications_total`.
    package init(
        channels: [any NotificationChannel], timing: Timing = Timing(), hostname: String? = nil, logger: Logger,
        record: @escaping @Sendable (_ channel: String, _ result: String) -> Void = { _, _ in },
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.channels = channels
        self.wakeups = channels.map { _ in SchedulerWakeup() }
        self.state = Mutex(State(channels: channels.map { ChannelState(tracker: AlertTracker(rule: $0.rule)) }))
        self.timing = timing
        self.hostname = hostname
        self.record = record
        self.logger = logger
        self.clock = clock
        self.now = now
    }

    /// Whether any channel is configured.
    package var isEnabled: Bool { !channels.isEmpty }

    package func observe(_ event: BackupEvent, at date: Date) async {
        let signals = NotificationSignal.signals(of: event, at: date, hostname: hostname, dockerLimit: timing.dockerUnreachableLimit)
        enqueue(signals, job: event.job, at: date)
    }

    /// Queues each channel's messages of `signals` (about `job`, when the event has one).
    private func enqueue(_ signals: [NotificationSignal], job: BackupJobInfo?, at date: Date) {
        guard !signals.isEmpty else { return }
        var dropped: [String] = []
        let woken = state.withLock { state -> [Int] in
            guard state.closedAt == nil else { return [] }
            var woken: [Int] = []
            for (index, channel) in channels.enumerated() {
                if let job, !job.notifies || !(job.notifyChannels?.contains(channel.name) ?? true) { continue }
                let messages = state.channels[index].tracker.messages(for: signals, at: date)
                guard !messages.isEmpty else { continue }
                state.channels[index].queue += messages
                let excess = state.channels[index].queue.count - timing.queueCapacity
                if excess > 0 {
                    state.channels[index].queue.removeFirst(excess)
                    dropped += Array(repeating: channel.name, count: excess)
                }
                woken.append(index)
            }
            return woken
        }
        for name in dropped {
            record(name, "dropped")
            logger.warning("notification dropped: the queue of channel \(name) is full", metadata: ["channel": "\(name)"])
        }
        for index in woken { wakeups[index].signal() }
    }

    /// Sends `notification` to every channel (or `selected`) now, bypassing rules and queues (`baktainer notify
    /// test`); returns each channel's error, nil when delivered.
    package func send(_ notification: BackupNotification, to selected: [any NotificationChannel]? = nil) async -> [(
        channel: any NotificationChannel, error: NotificationError?
    )] {
        var results: [(any NotificationChannel, NotificationError?)] = []
        for channel in selected ?? channels {
            let error = await deliver(notification, to: channel, deadline: nil)
            results.append((channel, error))
        }
        return results
    }

    /// Stops taking messages; ``run()`` delivers what is queued within `drainTimeout` and returns.
    package func close() {
        state.withLock { state in
            if state.closedAt == nil { state.closedAt = now() }
        }
        for wakeup in wakeups { wakeup.signal() }
    }

    /// Delivers until ``close()`` or graceful shutdown, then drains within `drainTimeout`.
    package func run() async {
        guard !channels.isEmpty else { return }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for index in channels.indices {
                    group.addTask { await self.deliverQueue(of: index) }
                }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.close()
        }
    }

    // MARK: Delivering

    private func deliverQueue(of index: Int) async {
        let channel = channels[index]
        while true {
            let (next, closedAt) = state.withLock { state -> (BackupNotification?, Date?) in
                let next = state.channels[index].queue.first
                if next != nil { state.channels[index].queue.removeFirst() }
                return (next, state.closedAt)
            }
            guard let next else {
                if closedAt != nil || Task.isCancelled { return }
                await wakeups[index].wait()
                continue
            }
            let deadline = closedAt.map { $0.addingTimeInterval(timing.drainTimeout.timeInterval) }
            if let deadline, now() >= deadline {
                record(channel.name, "dropped")
                logger.warning("notification not sent: shutdown", metadata: ["channel": "\(channel.name)", "event": "\(next.event.rawValue)"])
                continue
            }
            if let error = await deliver(next, to: channel, deadline: deadline) {
                logger.error("\(error)", metadata: ["channel": "\(channel.name)", "event": "\(next.event.rawValue)"])
            }
        }
    }

    /// Delivers with retries; records and returns the last error, nil when delivered. After ``close()`` nothing
    /// runs past the drain deadline.
    private func deliver(_ notification: BackupNotification, to channel: any NotificationChannel, deadline: Date?) async -> NotificationError? {
        var pause = timing.backoff
        var lastError: NotificationError?
        for attempt in 1...max(1, timing.attempts) {
            let closedAt = state.withLock { $0.closedAt }
            let deadline = deadline ?? closedAt.map { $0.addingTimeInterval(timing.drainTimeout.timeInterval) }
            if attempt > 1 {
                if let deadline, now().addingTimeInterval(pause.timeInterval) >= deadline { break }
                do { try await clock.sleep(for: pause) } catch { break }
                pause *= 2
            }
            var limit = timing.attemptTimeout
            if let deadline { limit = min(limit, .milliseconds(Int(max(0, deadline.timeIntervalSince(now())) * 1000))) }
            lastError = await deliverOnce(notification, to: channel, within: limit)
            guard let error = lastError else {
                record(channel.name, "sent")
                return nil
            }
            guard error.isTransient else { break }
        }
        record(channel.name, "failed")
        return lastError
    }

    private func deliverOnce(_ notification: BackupNotification, to channel: any NotificationChannel, within limit: Duration) async -> NotificationError? {
        let clock = self.clock
        return await withTaskGroup(of: NotificationError?.self) { group in
            group.addTask {
                do throws(NotificationError) {
                    try await channel.deliver(notification)
                    return nil
                } catch {
                    return error
                }
            }
            group.addTask {
                try? await clock.sleep(for: limit)
                return Task.isCancelled ? nil : NotificationError(channel: channel.displayName, "no answer within \(limit)")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

extension BackupEvent {
    /// The backup the event is about, if one (not for restore tests).
    package var job: BackupJobInfo? {
        switch self {
        case .started(let job, _), .succeeded(let job, _, _, _), .retried(let job, _, _, _), .failed(let job, _, _), .skipped(let job, _),
            .pruned(let job, _), .copied(let job, _), .overdue(let job, _):
            job
        case .restoreTested, .docker, .summary: nil
        }
    }
}
