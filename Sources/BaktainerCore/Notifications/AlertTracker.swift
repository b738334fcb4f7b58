#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One channel's memory of what it was told: per key (a stream, a stream's copy to a destination, a restore
/// test, Docker), the problems in a row and whether and when they were reported. Pure: ``messages(for:at:)``
/// turns signals into the messages the channel's ``NotificationRule`` lets through — one per change of state,
/// the first after `after` problems in a row, a reminder at most every `remind`, a recovery only after a reported
/// problem.
package struct AlertTracker: Sendable {
    private struct KeyState: Sendable {
        var problems = 0
        var reportedAt: Date?
    }

    /// The rule applied.
    package let rule: NotificationRule
    private var states: [String: KeyState] = [:]

    /// A tracker that has seen nothing.
    package init(rule: NotificationRule) {
        self.rule = rule
    }

    /// The messages of `signals` (one event's) for this channel, updating its memory.
    package mutating func messages(for signals: [NotificationSignal], at date: Date) -> [BackupNotification] {
        if rule.isMonitor { return signals.compactMap(Self.monitorMessage) }
        var messages: [BackupNotification] = []
        var recovered = false
        for signal in signals {
            switch signal {
            case .problem(let key, var message):
                var state = states[key, default: KeyState()]
                state.problems += 1
                message.consecutiveFailures = state.problems
                if state.problems >= rule.after {
                    if let reportedAt = state.reportedAt {
                        if let remind = rule.remind, date.timeIntervalSince(reportedAt) >= remind.timeInterval {
                            message.title = "Still failing: " + message.title
                            messages.append(message)
                            state.reportedAt = date
                        }
                    } else {
                        messages.append(message)
                        state.reportedAt = date
                    }
                }
                states[key] = state
            case .resolved(let key, var message):
                guard let state = states.removeValue(forKey: key) else { continue }
                if state.reportedAt != nil {
                    message.consecutiveFailures = state.problems
                    messages.append(message)
                    recovered = true
                }
            case .news(let message, let level):
                guard Self.rank(rule.level) >= Self.rank(level), message.event != .summary || rule.summary else { continue }
                if message.event == .success && recovered { continue }  // the recovery says it already
                messages.append(message)
            }
        }
        return messages
    }

    /// Whether a problem of `key` has been reported and not yet resolved.
    package func isReported(_ key: String) -> Bool { states[key]?.reportedAt != nil }

    /// An uptime monitor hears every run's start, success and failure as they happen.
    private static func monitorMessage(_ signal: NotificationSignal) -> BackupNotification? {
        switch signal {
        case .news(let message, _) where message.event == .started || message.event == .success: message
        case .problem(_, let message) where message.event == .failure: message
        default: nil
        }
    }

    private static func rank(_ level: NotificationRule.Level) -> Int {
        switch level {
        case .failure: 0
        case .success: 1
        case .all: 2
        }
    }
}
