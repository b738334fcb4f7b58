/// The version of this build, in one place: `baktainer --version` and every backup's JSON record show it.
package enum BaktainerVersion {
    /// The version string, e.g. `0.1.0`.
    package static let current = "0.1.0"
}
