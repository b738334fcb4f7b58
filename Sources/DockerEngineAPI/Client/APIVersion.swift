/// A Docker Engine API version such as 1.41, ordered numerically (1.9 < 1.41).
package struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The part before the dot.
    package var major: Int
    /// The part after the dot.
    package var minor: Int

    /// Creates a version from its two numbers.
    package init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses "1.41"; returns nil for anything else.
    package init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            return nil
        }
        self.init(major, minor)
    }

    /// The oldest API this client speaks (Docker 1.13).
    package static let minimumSupported = APIVersion(1, 25)
    /// The newest API this client knows; a newer daemon is spoken to at this version.
    package static let maximumSupported = APIVersion(1, 47)

    /// The version to use with a daemon that speaks up to `daemonVersion`, or nil when the daemon is older
    /// than ``minimumSupported``.
    package static func negotiated(daemonVersion: APIVersion) -> APIVersion? {
        guard daemonVersion >= minimumSupported else { return nil }
        return min(daemonVersion, maximumSupported)
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    package var description: String { "\(major).\(minor)" }
}
