/// A schedule label that cannot be used.
package struct ScheduleLabelError: Error, Sendable, Equatable {
    /// The label at fault.
    package var label: String
    /// What is wrong.
    package var message: String
}
