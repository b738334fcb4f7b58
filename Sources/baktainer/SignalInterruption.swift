import UnixSignals

/// Runs a one-off command's work so that SIGINT (Ctrl-C) and SIGTERM stop it cleanly: on either signal the work
/// is cancelled — running dumps are stopped inside their containers and their partial files removed — and,
/// once it has wound down, the signal is reported so the command can exit 130 or 143.
enum SignalInterruption {
    /// What the work returned, and the signal that cut it short (nil when it ran to the end).
    struct Outcome<Value: Sendable>: Sendable {
        var value: Value
        var signal: UnixSignal?

        /// The shell's exit status for the signal: 128 + its number (130 for SIGINT, 143 for SIGTERM).
        var exitStatus: Int32? { signal.map { 128 + $0.rawValue } }
    }

    private enum Event<Value: Sendable>: Sendable {
        case finished(Value)
        case signal(UnixSignal)
    }

    /// Runs `work` until it ends or SIGINT/SIGTERM arrives; on a signal, cancels `work` and waits for it to end.
    static func run<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) async -> Outcome<Value> {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        return await withTaskGroup(of: Event<Value>?.self) { group in
            group.addTask { .finished(await work()) }
            group.addTask {
                for await signal in signals { return .signal(signal) }
                return nil  // cancelled: the work ended first
            }
            var received: UnixSignal?
            while let event = await group.next() {
                switch event {
                case .finished(let value):
                    group.cancelAll()
                    return Outcome(value: value, signal: received)
                case .signal(let signal):
                    received = signal
                    group.cancelAll()
                case nil:
                    continue
                }
            }
            preconditionFailure("the work task always reports")
        }
    }
}
