/// Bounds how many database fixtures initialise at once.
///
/// `swift test` starts every suite together: on two cores twenty PostgreSQL and MariaDB fixtures running
/// `initdb` and `mariadb-install-db` side by side, each polled by its readiness probe, took longer than any
/// readiness limit. A fixture holds a slot from `docker run` until its server answers (or gives up), so the
/// others queue instead of starving each other.
actor FixtureStartLimiter {
    private let slots: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// A limiter letting `slots` fixtures initialise together.
    init(slots: Int) { self.slots = slots }

    /// Runs `body` while holding a slot, waiting for one first.
    func withSlot<Result: Sendable>(_ body: @Sendable () async throws -> Result) async rethrows -> Result {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if inUse < slots {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()  // the slot passes straight to the next in line
        }
    }
}
