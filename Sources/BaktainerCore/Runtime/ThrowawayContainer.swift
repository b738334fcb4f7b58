/// A short-lived container Baktainer starts itself (restore tests): no network, never labelled for backup.
package struct ThrowawayContainer: Sendable, Equatable {
    /// Its name.
    package var name: String
    /// The image (name or ID).
    package var image: String
    /// `KEY=value` entries. May hold secrets: never log them.
    package var environment: [String]
    /// Its labels.
    package var labels: [String: String]

    /// Creates a specification.
    package init(name: String, image: String, environment: [String] = [], labels: [String: String] = [:]) {
        self.name = name
        self.image = image
        self.environment = environment
        self.labels = labels
    }
}
