/// A destination named in the configuration file (`destinations: {offsite: {type: s3, …}}`) with its own values:
/// read by its type's settings as if they were that type's variables (`bucket` as `BT_S3_BUCKET`), while errors
/// name the file and key (`/etc/baktainer.yml: destinations.offsite.bucket`). Variables never reach it.
package struct NamedDestinationValues: Sendable {
    /// Its name.
    package var name: String
    /// `s3` or `sftp`.
    package var type: String
    /// Its values, keyed by its type's variables; its retention by `BT_<NAME>_RETENTION_*`.
    package var values: ConfigurationValues

    /// The values of `destination` in the file at `path`.
    package init(_ destination: ConfigurationFile.NamedDestination, path: String) {
        name = destination.name
        type = destination.type
        var entries: [String: ConfigurationValues.Entry] = [:]
        for (variable, entry) in destination.entries {
            entries[variable] = ConfigurationValues.Entry(
                value: entry.value, source: .file(path: path, key: entry.writtenKey),
                isSecret: ConfigurationKey.named(variable)?.isSecret(entry.value) ?? false)
        }
        var unset: [String: String] = [:]
        for key in ConfigurationKey.all where key.components.first == destination.type {
            unset[key.variable] = "\(path): destinations.\(destination.name).\(key.components.dropFirst().joined(separator: "."))"
        }
        values = ConfigurationValues(entries: entries, filePath: path, unsetOrigins: unset)
    }
}
