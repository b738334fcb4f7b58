#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ConfigurationValues {
    /// A secret given inline (`name`) or in a file (`fileName`, the Docker-secrets way), never both; nil when
    /// neither is set. One trailing newline of the file is dropped (what `echo` and editors add); an empty file is
    /// an error. `what` names the secret in errors ("the passphrase"); errors never hold its value or the file's
    /// contents. `readFile` returns a file's text (tests may stub it).
    package func secret(
        _ name: String, file fileName: String, what: String,
        readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) throws(ConfigurationError) -> Secret? {
        let inline = string(name)
        let path = string(fileName)
        if inline != nil && path != nil {
            throw error(name, "cannot be combined with \(origin(fileName)): set only one of them")
        }
        if let inline { return Secret(inline) }
        guard let path else { return nil }
        var text = try ConfigurationError.readFile(path, for: origin(fileName), with: readFile)
        if text.hasSuffix("\r\n") || text.hasSuffix("\n") {
            text.removeLast()  // "\r\n" is one Character
        }
        guard !text.isEmpty else {
            throw error(fileName, "\(path) is empty: write \(what) into it")
        }
        return Secret(text)
    }
}
