#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Several observers as one: each event goes to each of them, in order.
package struct BackupObservers: BackupObserver {
    private let observers: [any BackupObserver]

    /// Fans out to `observers`.
    package init(_ observers: [any BackupObserver]) {
        self.observers = observers
    }

    package func observe(_ event: BackupEvent, at date: Date) async {
        for observer in observers { await observer.observe(event, at: date) }
    }
}
