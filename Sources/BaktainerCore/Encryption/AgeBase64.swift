import Foundation

/// Unpadded, canonical standard Base64 as the age header uses it.
enum AgeBase64 {
    /// Encodes `bytes` without `=` padding.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes unpadded Base64, rejecting padding, whitespace and non-canonical trailing bits.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let text = String(text)
        guard !text.contains("="), text.utf8.count % 4 != 1 else { return nil }
        let padded = text + String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        let bytes = [UInt8](data)
        guard encode(bytes) == text else { return nil }
        return bytes
    }
}
