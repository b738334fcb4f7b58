/// The rows of the `baktainer prune [--dry-run]` table: one per backup, kept or deleted, with the reasons.
package struct PrunePlanRows: Sendable, Equatable {
    /// The column titles.
    package static let header = ["TARGET", "FILE", "ACTION", "WHY"]

    /// One row per backup: stream (`name` or `name/schedule`), file name, `KEEP` or `DELETE`, and the reasons
    /// (`daily #3, monthly #1`). Streams in name order, each stream's backups newest first.
    package var rows: [[String]]

    /// Builds the rows for `plan`.
    package init(plan: RetentionPlan) {
        let kept = plan.keep.map { ($0.entry, "KEEP", $0.reasons.map(\.description).joined(separator: ", ")) }
        let deleted = plan.delete.map { ($0, "DELETE", "no rule keeps it") }
        rows = (kept + deleted)
            .sorted { lhs, rhs in
                lhs.0.stream != rhs.0.stream
                    ? lhs.0.stream < rhs.0.stream : (lhs.0.date, lhs.0.location) > (rhs.0.date, rhs.0.location)
            }
            .map { [$0.0.stream.description, $0.0.fileName, $0.1, $0.2] }
    }

    /// The rows rendered as a text table with ``header``.
    package func rendered() -> String {
        TextTable(header: Self.header, rows: rows).rendered()
    }
}
