import BaktainerCore
import Testing

/// BIP-173 test vectors for the Bech32 codec used by age keys.
@Suite struct Bech32Tests {
    @Test(
        "BIP-173 valid strings decode and re-encode",
        arguments: [
            "A12UEL5L",
            "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
            "?1ezyfcl",
        ])
    func valid(text: String) throws {
        let decoded = try #require(Bech32.decode(text))
        #expect(decoded.hrp == String(text[..<text.lastIndex(of: "1")!]).lowercased())
        // Re-encoding the data under the HRP in the original case gives the original string.
        let hrp = text == text.uppercased() && text != text.lowercased() ? decoded.hrp.uppercased() : decoded.hrp
        #expect(Bech32.encode(hrp: hrp, data: decoded.data) == text)
    }

    @Test(
        "BIP-173 invalid strings are refused",
        arguments: [
            "\u{20}1nwldj5",  // HRP character out of range
            "\u{7F}1axkwrx",  // HRP character out of range
            "\u{80}1eym55h",  // HRP character out of range
            "pzry9x0s0muk",  // no separator
            "1pzry9x0s0muk",  // empty HRP
            "x1b4n0q5v",  // invalid data character
            "li1dgmt3",  // too short checksum
            "de1lg7wt\u{FF}",  // invalid character in checksum
            "A1G7SGD8",  // checksum calculated with upper-case HRP
            "10a06t8",  // empty HRP
            "1qzzfhee",  // empty HRP
            "a12UEL5L",  // mixed case
            "a12uel5m",  // wrong checksum
        ])
    func invalid(text: String) {
        #expect(Bech32.decode(text) == nil)
    }

    @Test func longStringsAreAccepted() {
        // BIP-173's 90-character limit does not apply to age.
        let text = "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx"
        #expect(text.count > 90)
        #expect(Bech32.decode(text)?.hrp == "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio")
    }

    @Test func ageKeysRoundTrip() throws {
        let data: [UInt8] = (0..<32).map { UInt8($0 * 7 % 256) }
        let recipient = try #require(Bech32.encode(hrp: "age", data: data))
        #expect(recipient.hasPrefix("age1"))
        #expect(Bech32.decode(recipient)?.data == data)
        let identity = try #require(Bech32.encode(hrp: "AGE-SECRET-KEY-", data: data))
        #expect(identity == identity.uppercased() && identity.hasPrefix("AGE-SECRET-KEY-1"))
        #expect(Bech32.decode(identity)?.hrp == "age-secret-key-")
        #expect(Bech32.decode(identity)?.data == data)
        #expect(Bech32.encode(hrp: "Age", data: data) == nil)
    }
}
