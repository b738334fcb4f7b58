/// A cron expression that cannot be used; the message names the field and the token at fault.
package struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `cron expression '61 * * * *': minute '61' is out of range 0-59`.
    package var message: String

    /// Creates an error.
    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
