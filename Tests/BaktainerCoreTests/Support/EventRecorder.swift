import BaktainerCore
import Foundation
import Synchronization

/// Collects every event, in order, for tests to read.
final class EventRecorder: BackupObserver {
    private let events = Mutex<[BackupEvent]>([])

    func observe(_ event: BackupEvent, at date: Date) async {
        events.withLock { $0.append(event) }
    }

    var all: [BackupEvent] { events.withLock { $0 } }

    /// One word per event: started, succeeded, retried, failed, skipped, pruned, restoreTested.
    var kinds: [String] {
        all.map { event in
            switch event {
            case .started: "started"
            case .succeeded: "succeeded"
            case .retried: "retried"
            case .failed: "failed"
            case .skipped: "skipped"
            case .pruned: "pruned"
            case .copied: "copied"
            case .restoreTested: "restoreTested"
            case .overdue: "overdue"
            case .docker: "docker"
            case .summary: "summary"
            }
        }
    }
}
