/// A setting that cannot be used, naming the setting where it came from and what it accepts. Never includes a
/// secret value.
package struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The setting at fault and its source: `BT_SSL`, `/etc/baktainer.yml: ssl`, or a label such as
    /// `baktainer.compress`.
    package var setting: String
    /// What is wrong and what to do.
    package var message: String

    /// Creates an error for `setting`.
    package init(setting: String, _ message: String) {
        self.setting = setting
        self.message = message
    }

    package var description: String { "\(setting): \(message)" }

    /// The text of the file at `path` that `setting` names, through `readFile`; an error naming only the path (never
    /// what the file holds) when it cannot be read.
    package static func readFile(_ path: String, for setting: String, with readFile: (String) throws -> String) throws(ConfigurationError) -> String {
        do {
            return try readFile(path)
        } catch {
            throw ConfigurationError(setting: setting, "cannot read \(path): check that the file exists and is readable")
        }
    }
}
