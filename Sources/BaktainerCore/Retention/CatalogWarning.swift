/// A file the catalog skipped because it looks like a backup but its record cannot be trusted; it is never deleted. An `Error` only
/// so it can travel in a `Result`; scanning reports it and goes on.
package struct CatalogWarning: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory concerned.
    package var path: String
    /// What is wrong and what to do.
    package var message: String

    /// Creates a warning.
    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var description: String { "\(path): \(message)" }
}
