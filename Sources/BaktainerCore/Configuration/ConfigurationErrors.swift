/// Every setting that cannot be used, found while building the configuration at start-up; each names its
/// setting and source, none holds a secret.
package struct ConfigurationErrors: Error, Sendable, Equatable, CustomStringConvertible {
    /// The errors, in the order the settings were read.
    package var errors: [ConfigurationError]

    /// Wraps `errors`.
    package init(_ errors: [ConfigurationError]) {
        self.errors = errors
    }

    /// One line per error.
    package var description: String { errors.map(\.description).joined(separator: "\n") }
}
