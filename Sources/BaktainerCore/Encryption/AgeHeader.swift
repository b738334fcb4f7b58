import Crypto

/// The header of an age file: the recipient stanzas and the MAC over them.
struct AgeHeader: Sendable {
    /// The first line of every age file.
    static let versionLine = "age-encryption.org/v1"
    /// The largest header accepted when reading, so a hostile input cannot grow memory without bound.
    static let maximumSize = 1 << 20

    /// The recipient stanzas, in order.
    var stanzas: [AgeStanza]
    /// The header MAC (32 bytes).
    var mac: [UInt8]
    /// The header bytes the MAC covers: everything up to and including `---`.
    var authenticatedBytes: [UInt8]

    /// The MAC key: HKDF-SHA256(file key, salt empty, info "header").
    static func macKey(fileKey: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, info: Array("header".utf8), outputByteCount: 32)
    }

    /// Serialises stanzas into a complete header (with its trailing newline) authenticated with `fileKey`.
    static func encode(stanzas: [AgeStanza], fileKey: SymmetricKey) -> [UInt8] {
        var text = versionLine + "\n"
        for stanza in stanzas { text += stanza.encoded }
        text += "---"
        var bytes = Array(text.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: bytes, using: macKey(fileKey: fileKey))
        bytes += Array(" \(AgeBase64.encode(Array(mac)))\n".utf8)
        return bytes
    }

    /// Whether the MAC matches the header under `fileKey`.
    func isAuthentic(fileKey: SymmetricKey) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: authenticatedBytes, using: Self.macKey(fileKey: fileKey))
    }

    /// The length of the header at the start of `prefix` (up to and including the newline after the MAC line),
    /// or nil when `prefix` does not hold all of it.
    static func length(in prefix: [UInt8]) -> Int? {
        let marker = Array("\n--- ".utf8)
        guard prefix.count > marker.count else { return nil }
        for start in 0...(prefix.count - marker.count) where prefix[start..<start + marker.count].elementsEqual(marker) {
            guard let newline = prefix[(start + marker.count)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            return newline + 1
        }
        return nil
    }

    /// Parses a complete header; `bytes` runs up to and including the newline after the MAC.
    static func parse(_ bytes: [UInt8]) throws(AgeError) -> AgeHeader {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // The final newline leaves an empty last element.
        guard lines.last?.isEmpty == true else { throw malformed("the header does not end with a newline") }
        lines.removeLast()
        guard lines.first.map({ Array($0) }) == Array(versionLine.utf8) else {
            throw AgeError(.notAgeFile, "the input does not start with '\(versionLine)': it is not an age-encrypted file")
        }
        var index = 1
        var stanzas: [AgeStanza] = []
        var authenticatedCount = lines[0].count + 1
        while index < lines.count {
            let line = lines[index]
            guard line.allSatisfy({ $0 >= 32 && $0 <= 126 }) else { throw malformed("line \(index + 1) has a non-printable character") }
            if line.starts(with: Array("--- ".utf8)) {
                guard index == lines.count - 1 else { throw malformed("text follows the MAC line") }
                guard let mac = AgeBase64.decode(String(decoding: line.dropFirst(4), as: UTF8.self)), mac.count == 32 else {
                    throw malformed("the MAC line does not hold a 32-byte Base64 MAC")
                }
                authenticatedCount += 3
                return AgeHeader(stanzas: stanzas, mac: mac, authenticatedBytes: Array(bytes.prefix(authenticatedCount)))
            }
            guard line.starts(with: Array("-> ".utf8)) else { throw malformed("line \(index + 1) is neither a stanza ('-> ') nor the MAC line ('--- ')") }
            let words = line.dropFirst(3).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard !words.isEmpty, words.allSatisfy({ !$0.isEmpty }) else { throw malformed("stanza on line \(index + 1) has an empty argument") }
            authenticatedCount += line.count + 1
            index += 1
            var bodyText = ""
            while true {
                guard index < lines.count else { throw malformed("a stanza body is not terminated by a short line") }
                let bodyLine = lines[index]
                guard bodyLine.count <= 64 else { throw malformed("stanza body line \(index + 1) is longer than 64 columns") }
                bodyText += String(decoding: bodyLine, as: UTF8.self)
                authenticatedCount += bodyLine.count + 1
                index += 1
                if bodyLine.count < 64 { break }
            }
            guard let body = AgeBase64.decode(bodyText) else { throw malformed("a stanza body is not canonical unpadded Base64") }
            let strings = words.map { String(decoding: $0, as: UTF8.self) }
            stanzas.append(AgeStanza(type: strings[0], arguments: Array(strings.dropFirst()), body: body))
        }
        throw malformed("the header has no MAC line")
    }

    private static func malformed(_ detail: String) -> AgeError {
        AgeError(.malformedHeader, "the age header is malformed (\(detail)): the file is corrupt or was not written by age")
    }
}
