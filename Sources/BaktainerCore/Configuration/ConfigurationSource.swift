/// Where a setting's value came from: named in every error about it and in `baktainer config`.
package enum ConfigurationSource: Sendable, Hashable, CustomStringConvertible {
    /// An environment variable, e.g. `BT_THREADS` (or an older name such as `DOCKER_HOST`).
    case variable(String)
    /// A key of the configuration file (`BT_CONFIG_FILE`), spelled as it is written there.
    case file(path: String, key: String)
    /// A container label, e.g. `baktainer.compress`.
    case label(String)
    /// Nothing set it: the built-in default applies.
    case builtInDefault

    /// `BT_THREADS`, `/etc/baktainer.yml: retention.keep_daily`, `baktainer.compress` or `default`.
    package var description: String {
        switch self {
        case .variable(let name): name
        case .file(let path, let key): "\(path): \(key)"
        case .label(let name): name
        case .builtInDefault: "default"
        }
    }
}
