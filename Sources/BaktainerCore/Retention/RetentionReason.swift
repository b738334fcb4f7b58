/// Why a backup is kept: the rule and, for counting rules, which of its N slots the backup fills
/// (`daily #3` is the newest backup of the third most recent day that has one).
package struct RetentionReason: Sendable, Hashable, CustomStringConvertible {
    /// The rule that keeps a backup.
    package enum Rule: String, Sendable, Hashable, CaseIterable {
        /// One of the N newest (`keep-last`).
        case last
        /// Newest of one of the N most recent hours (`keep-hourly`).
        case hourly
        /// Newest of one of the N most recent days (`keep-daily`).
        case daily
        /// Newest of one of the N most recent ISO weeks (`keep-weekly`).
        case weekly
        /// Newest of one of the N most recent months (`keep-monthly`).
        case monthly
        /// Newest of one of the N most recent years (`keep-yearly`).
        case yearly
        /// Younger than the `keep-within` duration.
        case within
        /// The stream's newest backup, which is never deleted whatever the policy says.
        case newest
        /// Dated after `now` (clock skew); never deleted, and does not use up a slot of another rule.
        case future
        /// The policy is empty: everything is kept.
        case noPolicy = "no-policy"
    }

    /// The rule.
    package var rule: Rule
    /// The 1-based slot for counting rules (`last`, `hourly` … `yearly`); nil for the others.
    package var ordinal: Int?

    /// Creates a reason.
    package init(_ rule: Rule, _ ordinal: Int? = nil) {
        self.rule = rule
        self.ordinal = ordinal
    }

    /// `daily #3`, `within`, `newest`, `no policy`.
    package var description: String {
        switch rule {
        case .noPolicy: "no policy"
        case .future: "future date"
        default: ordinal.map { "\(rule.rawValue) #\($0)" } ?? rule.rawValue
        }
    }
}
