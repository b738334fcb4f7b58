#if canImport(Glibc)
import Glibc
#endif
import BaktainerCore
import Synchronization

/// One self-overwriting status line on a terminal while dumps run: each running target with its bytes and
/// rate, redrawn at most four times a second; cleared when the last dump ends. Does nothing unless standard
/// error is a terminal.
final class ProgressLine: Sendable {
    private struct Running {
        var bytes: Int
        var started: ContinuousClock.Instant
    }

    private struct State {
        var running: [String: Running] = [:]
        var lastDrawn: ContinuousClock.Instant?
        var drawnWidth = 0
    }

    private let state = Mutex(State())
    private let enabled: Bool

    /// A progress line on standard error when it is a terminal and `enabled`.
    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Records a report and redraws when due.
    func report(_ progress: BackupProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            if progress.isFinished {
                state.running[progress.container] = nil
            } else {
                state.running[progress.container, default: Running(bytes: 0, started: now)].bytes = progress.bytes
            }
            let due = state.lastDrawn.map { now - $0 >= .milliseconds(250) } ?? true
            guard due || state.running.isEmpty else { return nil }
            state.lastDrawn = now
            let text = state.running.keys.sorted().map { name in
                let entry = state.running[name]!
                let seconds = max(0.001, Self.seconds(now - entry.started))
                return "\(name) \(Self.mebibytes(entry.bytes)) MiB \(Self.mebibytes(Int(Double(entry.bytes) / seconds))) MiB/s"
            }.joined(separator: " · ")
            let padded = text + String(repeating: " ", count: max(0, state.drawnWidth - text.count))
            state.drawnWidth = text.count
            return "\r" + padded + (text.isEmpty ? "\r" : "")
        }
        if let line { LineLogHandler.standardError(line) }
    }

    private static func seconds(_ duration: Duration) -> Double {
        duration.timeInterval
    }

    private static func mebibytes(_ bytes: Int) -> String {
        let tenths = bytes * 10 / (1 << 20)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
