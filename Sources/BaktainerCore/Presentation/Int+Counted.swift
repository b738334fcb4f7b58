extension Int {
    /// The count with its noun in the right number: `1 table`, `2 tables`, `0 backups`; `plural` for irregular nouns.
    package func counted(_ singular: String, plural: String? = nil) -> String {
        "\(self) \(self == 1 ? singular : plural ?? singular + "s")"
    }
}
