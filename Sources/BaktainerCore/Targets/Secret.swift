/// A credential that prints as a mask: string interpolation, `description` and `dump` never show it.
package struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The real value; read it only to hand it to an exec's environment.
    package let revealed: String

    /// Wraps a secret value.
    package init(_ value: String) {
        self.revealed = value
    }

    package var description: String { "••••••" }
    package var debugDescription: String { "Secret(••••••)" }
}
