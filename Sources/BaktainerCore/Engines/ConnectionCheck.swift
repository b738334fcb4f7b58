/// A cheap command, run inside a target's container through the engine's own client, that proves the server
/// accepts the target's credentials and holds its database (`validate`); and the words of the client's output
/// that say why not. Like every engine command, the password travels in the environment only.
package struct ConnectionCheck: Sendable, Equatable {
    /// Why a check failed.
    package enum Failure: Sendable, Equatable {
        /// The server refused the password (or asked for one that was not given).
        case credentials
        /// The user does not exist.
        case unknownUser
        /// The database (for sqlite: the file) does not exist.
        case missingDatabase
        /// The user may not use the database.
        case databaseAccess
        /// Anything else; the output says what.
        case other
    }

    /// Output fragments that, all present, mean a failure.
    package struct Marker: Sendable, Equatable {
        /// The failure the fragments mean.
        package var failure: Failure
        /// Fragments that must all appear in the output (case-insensitive).
        package var fragments: [String]

        /// Creates a marker.
        package init(_ failure: Failure, _ fragments: String...) {
            self.failure = failure
            self.fragments = fragments
        }
    }

    /// The command; its standard output carries the client's messages (its stderr is folded in).
    package var command: ContainerCommand
    /// Checked in order against the output of a failed run.
    package var markers: [Marker]
    /// Text a successful run prints (redis: `PONG`); nil when exit status 0 is enough.
    package var expectedOutput: String?

    /// Creates a check.
    package init(_ command: ContainerCommand, markers: [Marker] = [], expectedOutput: String? = nil) {
        self.command = command
        self.markers = markers
        self.expectedOutput = expectedOutput
    }

    /// What a run that exited `exitCode` printing `output` means: nil for success.
    package func failure(exitCode: Int, output: String) -> Failure? {
        if exitCode == 0 && expectedOutput.map({ output.contains($0) }) ?? true { return nil }
        let lowered = output.lowercased()
        return markers.first { $0.fragments.allSatisfy { lowered.contains($0.lowercased()) } }?.failure ?? .other
    }
}
