extension Bool {
    /// The one boolean grammar of Baktainer, for variables, configuration-file values and labels alike:
    /// `true`/`false`, `yes`/`no`, `on`/`off`, `1`/`0`, in any case, surrounding whitespace ignored.
    /// Anything else is nil, so that a caller can report the setting instead of guessing.
    package init?(settingText text: String) {
        switch text.trimmingWhitespace.lowercased() {
        case "true", "yes", "on", "1": self = true
        case "false", "no", "off", "0": self = false
        default: return nil
        }
    }
}
