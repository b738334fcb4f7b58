#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where one piece of PEM material comes from: a file, or PEM text given inline (e.g. in an environment
/// variable). `origin` names the setting it came from, so errors can say which one is wrong.
package struct PEMSource: Sendable, Equatable, CustomStringConvertible {
    /// Where the bytes are.
    package enum Location: Sendable, Equatable {
        case file(path: String)
        case inline(text: String)
    }

    /// Where the bytes are.
    package var location: Location
    /// The setting this came from, e.g. "BT_CA" or "DOCKER_CERT_PATH".
    package var origin: String

    /// Creates a source from explicit parts.
    package init(location: Location, origin: String) {
        self.location = location
        self.origin = origin
    }

    /// Reads a setting's value as inline PEM when it contains a PEM header, else as a file path.
    package init(settingValue: String, origin: String) {
        if settingValue.contains("-----BEGIN") {
            self.init(location: .inline(text: settingValue), origin: origin)
        } else {
            self.init(location: .file(path: settingValue), origin: origin)
        }
    }

    /// "BT_CA (file /certs/ca.pem)" or "BT_CA (inline PEM)": never the PEM text itself.
    package var description: String {
        switch location {
        case .file(let path): "\(origin) (file \(path))"
        case .inline: "\(origin) (inline PEM)"
        }
    }

    /// The PEM bytes; throws ``DockerError/Code/invalidTLSMaterial`` naming this source when unreadable.
    package func bytes() throws(DockerError) -> [UInt8] {
        switch location {
        case .inline(let text):
            return Array(text.utf8)
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw DockerError(.invalidTLSMaterial, "\(self): file does not exist")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DockerError(.invalidTLSMaterial, "\(self): file cannot be read (check its permissions)")
            }
            return Array(data)
        }
    }
}
