extension Int {
    /// The count with its noun in the right number: `1 table`, `2 tables`, `0 backups`; `plural` for irregular nouns.
    package func counted(_ singular: String, plural: String? = nil) -> String {
        "\(self) \(self == 1 ? singular : plural ?? singular + "s")"
    }
}

extension Int {
    /// A size for people: `512 B` below a MiB, else `12.3 MiB` (or GiB from 1 GiB).
    package var byteSize: String {
        if self < 1 << 20 { return "\(self) B" }
        if self < 1 << 30 { return String(format: "%.1f MiB", Double(self) / Double(1 << 20)) }
        return String(format: "%.2f GiB", Double(self) / Double(1 << 30))
    }
}
