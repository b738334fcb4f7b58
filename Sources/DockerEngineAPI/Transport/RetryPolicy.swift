/// How often and how patiently to retry a request that failed for a transient reason.
///
/// Delays grow exponentially from `initialDelay`, are capped at `maximumDelay`, and are "full jitter":
/// a uniformly random part of the capped value, so many clients do not retry in lock-step.
package struct RetryPolicy: Sendable, Equatable {
    /// Total attempts including the first; 1 disables retries.
    package var maximumAttempts: Int
    /// The delay ceiling before the first retry.
    package var initialDelay: Duration
    /// The largest delay between two attempts.
    package var maximumDelay: Duration

    /// Creates a policy; `maximumAttempts` below 1 is treated as 1.
    package init(maximumAttempts: Int = 4, initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(5)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// No retries at all.
    package static let none = RetryPolicy(maximumAttempts: 1)

    /// The delay before retry number `retry` (1 for the first retry), given a random number in `0..<1`.
    package func delay(beforeRetry retry: Int, randomFraction: Double) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(initialDelay * (1 << exponent), maximumDelay)
        return ceiling * min(max(randomFraction, 0), 1)
    }

    /// Runs `operation`, retrying it while it throws a transient ``DockerError`` and attempts remain.
    package func run<Result>(
        _ operation: () async throws -> Result
    ) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error as DockerError where error.isTransient && attempt < maximumAttempts {
                try await Task.sleep(for: delay(beforeRetry: attempt, randomFraction: Double.random(in: 0..<1)))
                attempt += 1
            }
        }
    }
}
