import Crypto
import NIOCore
import NIOSSH

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which host keys a connection accepts: the keys a `known_hosts` file lists for the host (plain or hashed names,
/// `[host]:port` for other ports than 22, `*`/`?` patterns, `@revoked` refused), or one pinned `SHA256:` fingerprint
/// as `ssh-keygen -lf` prints it. Never every key.
package enum HostKeyPolicy: Sendable, Equatable {
    /// Keys listed for the host in a `known_hosts` file (its text).
    case knownHosts(text: String, file: String)
    /// The key with this fingerprint (`SHA256:` and unpadded base64).
    case fingerprint(String)

    /// The fingerprint of `key` as `ssh-keygen -lf` prints it: `SHA256:` and the unpadded base64 of the SHA-256
    /// of the key's wire form.
    package static func fingerprint(of key: NIOSSHPublicKey) -> String {
        "SHA256:" + SHA256.hash(data: wireForm(of: key)).base64EncodedStringWithoutPadding
    }

    /// Whether `key` is accepted for `host`:`port`; otherwise why not, for the error.
    package func check(_ key: NIOSSHPublicKey, host: String, port: Int) -> String? {
        let presented = Self.fingerprint(of: key)
        switch self {
        case .fingerprint(let pinned):
            if pinned == presented { return nil }
            return
                "the server's host key \(presented) is not the pinned BT_SFTP_HOST_KEY_FINGERPRINT \(pinned): if the key changed on purpose, pin the new one (ssh-keyscan -p \(port) \(host) | ssh-keygen -lf -)"
        case .knownHosts(let text, let file):
            let name = port == 22 ? host : "[\(host)]:\(port)"
            var listed = false
            for line in text.split(whereSeparator: \.isNewline) {
                var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard let first = fields.first, !first.hasPrefix("#") else { continue }
                var marker: String?
                if first.hasPrefix("@") {
                    marker = first
                    fields.removeFirst()
                }
                guard fields.count >= 3, Self.matches(name, patterns: fields[0]),
                    let listedKey = try? NIOSSHPublicKey(openSSHPublicKey: fields[1] + " " + fields[2])
                else { continue }
                switch marker {
                case "@revoked" where listedKey == key:
                    return "the server's host key \(presented) is marked @revoked in \(file): the server must get a new key"
                case nil:
                    if listedKey == key { return nil }
                    listed = true
                default: continue  // @cert-authority: host certificates are not used here
                }
            }
            if listed {
                return
                    "the server's host key \(presented) is not the one \(file) lists for \(name): the key CHANGED (a reinstalled server, or someone in between); if it changed on purpose, replace the line (ssh-keyscan -p \(port) \(host))"
            }
            return
                "\(file) lists no key for \(name): add the server's key (ssh-keyscan -p \(port) \(host) >> \(file), after checking its fingerprint \(presented))"
        }
    }

    /// Whether `name` matches a known_hosts host field: comma-separated patterns with `!` negation, or one hashed
    /// name (`|1|salt|HMAC-SHA1(salt, name)`).
    static func matches(_ name: String, patterns field: String) -> Bool {
        if field.hasPrefix("|1|") {
            let parts = field.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 4, let salt = Data(base64Encoded: String(parts[2])), let hash = Data(base64Encoded: String(parts[3])) else { return false }
            let code = HMAC<Insecure.SHA1>.authenticationCode(for: Data(name.utf8), using: SymmetricKey(data: salt))
            return Data(code) == hash
        }
        var matched = false
        for pattern in field.split(separator: ",") {
            let negated = pattern.hasPrefix("!")
            let glob = String(negated ? pattern.dropFirst() : pattern[...]).lowercased()
            guard wildcardMatch(Array(glob.utf8)[...], Array(name.lowercased().utf8)[...]) else { continue }
            if negated { return false }
            matched = true
        }
        return matched
    }

    /// OpenSSH's host patterns: `*` any run of characters, `?` one; everything else (brackets too) literal.
    private static func wildcardMatch(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        switch first {
        case UInt8(ascii: "*"):
            var rest = text
            while true {
                if wildcardMatch(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case UInt8(ascii: "?"): return !text.isEmpty && wildcardMatch(pattern.dropFirst(), text.dropFirst())
        default: return text.first == first && wildcardMatch(pattern.dropFirst(), text.dropFirst())
        }
    }

    /// The key's wire form (what the base64 of an OpenSSH public key line holds).
    private static func wireForm(of key: NIOSSHPublicKey) -> Data {
        let line = String(openSSHPublicKey: key)
        let base64 = line.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        return Data(base64Encoded: base64) ?? Data()
    }
}

extension SHA256.Digest {
    /// Base64 without the trailing `=`, as OpenSSH prints fingerprints.
    fileprivate var base64EncodedStringWithoutPadding: String {
        var text = Data(self).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
