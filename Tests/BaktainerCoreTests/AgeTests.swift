import BaktainerCore
import Foundation
import NIOCore
import Testing

/// Swift-only tests of the age format: round trips, streaming, tampering and known-answer files from age 1.1.
@Suite struct AgeTests {
    static let chunk = 65536
    static let sizes = [0, 1, 65535, 65536, 65537, 3 * 65536]
    static let pieces = [1, 7, 100 * 1024]

    /// A key pair made by age-keygen 1.1.1 for these tests only.
    static let knownIdentity = "AGE-SECRET-KEY-18539LLWA3SPSHNSTLASGYQJ54A3QXEPW785ZH6U4KS64V5A6C3PSVYXRA6"
    static let knownRecipient = "age1nfjlr28300fh6wwj0uz7a480my2u7e2gc9ht9sxknd35el0mdcqqesu766"
    /// `printf 'known answer\n' | age -r <knownRecipient>` (age 1.1.1).
    static let knownX25519File =
        "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBaZEhsYjdLcUh2TzIveWIxSkpQUit4MzRMdFZPYWhjSWxqODFkRzA5TTFFCnY5aU80eFJJaUFObEFLellReWdMRG52Z3NRckdHSlAwMU1LNzlFUG4xWXMKLS0tIHVidWtPaGNaUld5V0QrMVFrdmJVV05TanI5aDNDZE44ZVVKSm9aWFo3RU0K/3DDkBD/mwT685BOFC8w3vPmkQHEJBXB9dVlbk7OzN/8aVLFrFdMRdlAxfyx"
    /// `age -p` with passphrase "secret pass" over "hello\n" (age 1.1.1, work factor 18).
    static let knownPassphraseFile =
        "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IHNjcnlwdCA3eU8ydzE5aDV4bHhVSTMzQ0g2TlBRIDE4Cm0wZWc5TkorWmJad1dRbnFncngxY096WnZoV3VnK3ZBRys4N2o3MGMzZnMKLS0tIEJjNTBxeWZCWVlXUk5SUHFTQXpXQmNZSVJZalpvNmlBWWtMRWpiUTJ0N2MK2OKAW4OPVqPhl0ya819uWnbsfvT0g+QcpciIQLu5FmjiKnTO3Vo="

    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

    @Test("round trip through X25519", arguments: sizes, pieces)
    func roundTrip(size: Int, piece: Int) throws {
        let pair = AgeKeyPair.generate()
        let plaintext = Self.pattern(size)
        let file = try AgeTestSupport.encrypt(plaintext, to: [pair.recipient], pieceSize: piece)
        // Header, nonce, then ceil(size / 64 KiB) chunks (one empty chunk for an empty stream), each +16.
        let chunks = max(1, (size + Self.chunk - 1) / Self.chunk)
        #expect(file.count == AgeTestSupport.headerAndNonceLength(file) + size + 16 * chunks)
        #expect(try AgeTestSupport.decrypt(file, with: [pair.identity], pieceSize: piece) == plaintext)
    }

    @Test("round trip of 1 MiB of random bytes", arguments: pieces)
    func randomMebibyte(piece: Int) throws {
        let pair = AgeKeyPair.generate()
        let plaintext = AgeTestSupport.randomBytes(1 << 20)
        let file = try AgeTestSupport.encrypt(plaintext, to: [pair.recipient], pieceSize: piece)
        #expect(try AgeTestSupport.decrypt(file, with: [pair.identity], pieceSize: piece) == plaintext)
    }

    @Test func encryptorStreamsAndHoldsBackAtMostOneChunk() throws {
        var encryptor = try AgeEncryptor(recipients: [AgeKeyPair.generate().recipient])
        var fed = 0
        var emitted = 0
        var headerLength: Int?
        for _ in 0..<40 {
            var output = try encryptor.transform(ByteBuffer(bytes: Self.pattern(30_000)))
            fed += 30_000
            let bytes = output.readBytes(length: output.readableBytes) ?? []
            if headerLength == nil { headerLength = AgeTestSupport.headerAndNonceLength(bytes) }
            emitted += bytes.count
            let sealedChunks = (emitted - headerLength!) / (Self.chunk + 16)
            #expect((emitted - headerLength!) % (Self.chunk + 16) == 0)
            #expect(fed - sealedChunks * Self.chunk <= Self.chunk)
        }
    }

    @Test func decryptorStreamsChunkByChunk() throws {
        let pair = AgeKeyPair.generate()
        let plaintext = Self.pattern(5 * Self.chunk + 10)
        let file = try AgeTestSupport.encrypt(plaintext, to: [pair.recipient])
        var decryptor = AgeDecryptor(identities: [pair.identity])
        let start = AgeTestSupport.headerAndNonceLength(file)
        var first = try decryptor.transform(ByteBuffer(bytes: file[..<(start + Self.chunk + 16)]))
        // One complete chunk in: its plaintext comes out before the stream ends.
        #expect(first.readBytes(length: first.readableBytes) == Array(plaintext[..<Self.chunk]))
    }

    @Test func twoRecipientsEitherKeyDecrypts() throws {
        let first = AgeKeyPair.generate()
        let second = AgeKeyPair.generate()
        let plaintext = Self.pattern(100_000)
        let file = try AgeTestSupport.encrypt(plaintext, to: [first.recipient, second.recipient])
        #expect(try AgeTestSupport.decrypt(file, with: [first.identity]) == plaintext)
        #expect(try AgeTestSupport.decrypt(file, with: [second.identity]) == plaintext)
        #expect(try AgeTestSupport.decrypt(file, with: [AgeKeyPair.generate().identity, second.identity]) == plaintext)
    }

    @Test("passphrase round trip", arguments: [1, 7, 100 * 1024])
    func passphraseRoundTrip(piece: Int) throws {
        let plaintext = Self.pattern(70_000)
        let file = try AgeTestSupport.encrypt(plaintext, to: [AgeRecipient.passphrase("correct horse", workFactor: 10)], pieceSize: piece)
        #expect(String(decoding: file.prefix(60), as: UTF8.self).contains("-> scrypt "))
        #expect(try AgeTestSupport.decrypt(file, with: [AgeIdentity.passphrase("correct horse")], pieceSize: piece) == plaintext)
        #expect(
            AgeTestSupport.ageErrorCode {
                _ = try AgeTestSupport.decrypt(file, with: [AgeIdentity.passphrase("wrong horse")])
            } == .noMatchingIdentity)
        #expect(
            AgeTestSupport.ageErrorCode {
                _ = try AgeTestSupport.decrypt(file, with: [AgeKeyPair.generate().identity])
            } == .noMatchingIdentity)
    }

    @Test func knownAnswerX25519FileFromAge() throws {
        let identity = try AgeIdentity(parsing: Self.knownIdentity)
        #expect(identity.recipient?.encoded == Self.knownRecipient)
        #expect(identity.encoded == Self.knownIdentity)
        let file = [UInt8](Data(base64Encoded: Self.knownX25519File)!)
        #expect(try AgeTestSupport.decrypt(file, with: [identity], pieceSize: 1) == Array("known answer\n".utf8))
    }

    @Test func knownAnswerPassphraseFileFromAge() throws {
        let file = [UInt8](Data(base64Encoded: Self.knownPassphraseFile)!)
        #expect(try AgeTestSupport.decrypt(file, with: [AgeIdentity.passphrase("secret pass")], pieceSize: 7) == Array("hello\n".utf8))
        let error = #expect(throws: AgeError.self) {
            _ = try AgeTestSupport.decrypt(file, with: [AgeIdentity.passphrase("secret pas")])
        }
        #expect(error?.code == .noMatchingIdentity)
        #expect(error?.description.contains("secret pas") == false)
    }

    @Test func refusesAnExcessiveWorkFactor() throws {
        var file = try AgeTestSupport.encrypt([1, 2, 3], to: [AgeRecipient.passphrase("p", workFactor: 10)])
        let at = AgeTestSupport.offset(of: " 10\n", in: file)!
        file.replaceSubrange(at..<(at + 4), with: Array(" 23\n".utf8))
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeTestSupport.decrypt(file, with: [AgeIdentity.passphrase("p")]) } == .workFactorTooLarge)
    }

    @Test func recipientSetsAgeForbids() throws {
        let passphrase = try AgeRecipient.passphrase("p", workFactor: 10)
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeEncryptor(recipients: [passphrase, AgeKeyPair.generate().recipient]) } == .invalidRecipient)
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeEncryptor(recipients: []) } == .invalidRecipient)
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeRecipient.passphrase("") } == .invalidPassphrase)
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeRecipient.passphrase("p", workFactor: 23) } == .invalidPassphrase)
    }

    @Test func wrongIdentityIsNamed() throws {
        let file = try AgeTestSupport.encrypt(Self.pattern(10), to: [AgeKeyPair.generate().recipient])
        let error = #expect(throws: AgeError.self) {
            _ = try AgeTestSupport.decrypt(file, with: [AgeKeyPair.generate().identity])
        }
        #expect(error?.code == .noMatchingIdentity)
        #expect(error?.message.contains("BT_AGE_IDENTITY_FILE") == true)
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeTestSupport.decrypt(file, with: []) } == .noMatchingIdentity)
    }

    /// Where a flipped byte lands, and the error it must cause.
    enum Flip: String, CaseIterable {
        case versionLine, stanzaShare, stanzaBody, mac, payloadNonce, firstChunk, lastChunk
    }

    @Test("a flipped byte is detected", arguments: Flip.allCases)
    func flippedByte(_ flip: Flip) throws {
        let pair = AgeKeyPair.generate()
        var file = try AgeTestSupport.encrypt(Self.pattern(2 * Self.chunk + 5), to: [pair.recipient])
        let header = AgeTestSupport.headerAndNonceLength(file) - 16
        let expected: AgeError.Code
        let index: Int
        switch flip {
        case .versionLine: (index, expected) = (3, .notAgeFile)
        case .stanzaShare: (index, expected) = (AgeTestSupport.offset(of: "X25519 ", in: file)! + 9, .noMatchingIdentity)
        case .stanzaBody: (index, expected) = (AgeTestSupport.offset(of: "X25519 ", in: file)! + 7 + 43 + 1 + 5, .noMatchingIdentity)
        case .mac: (index, expected) = (AgeTestSupport.offset(of: "\n--- ", in: file)! + 6, .headerAuthenticationFailed)
        case .payloadNonce: (index, expected) = (header + 3, .payloadAuthenticationFailed)
        case .firstChunk: (index, expected) = (header + 16 + 100, .payloadAuthenticationFailed)
        case .lastChunk: (index, expected) = (file.count - 3, .payloadAuthenticationFailed)
        }
        if flip == .payloadNonce || flip == .firstChunk || flip == .lastChunk {
            file[index] ^= 0x01
        } else {
            // Swap a Base64 letter for another letter so the text stays well formed.
            file[index] = file[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        }
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeTestSupport.decrypt(file, with: [pair.identity], pieceSize: 4096) } == expected)
    }

    @Test func headerChangeThatKeepsTheFileKeyFailsTheMAC() throws {
        let pair = AgeKeyPair.generate()
        var file = try AgeTestSupport.encrypt(Self.pattern(10), to: [pair.recipient])
        // Insert an unknown stanza: the file key still unwraps, only the MAC can notice.
        let at = AgeTestSupport.offset(of: "\n--- ", in: file)! + 1
        file.insert(contentsOf: Array("-> grease x\n\n".utf8), at: at)
        let error = #expect(throws: AgeError.self) { _ = try AgeTestSupport.decrypt(file, with: [pair.identity]) }
        #expect(error?.code == .headerAuthenticationFailed)
        #expect(error?.message.contains("altered") == true)
    }

    @Test func truncationAndTrailingData() throws {
        let pair = AgeKeyPair.generate()
        let file = try AgeTestSupport.encrypt(Self.pattern(3 * Self.chunk + 1), to: [pair.recipient])
        let payload = AgeTestSupport.headerAndNonceLength(file)
        let decrypt = { (bytes: [UInt8]) in AgeTestSupport.ageErrorCode { _ = try AgeTestSupport.decrypt(bytes, with: [pair.identity], pieceSize: 1000) } }
        #expect(decrypt(Array(file[..<(payload + 2 * (Self.chunk + 16))])) == .truncated)  // at a chunk boundary
        #expect(decrypt(Array(file[..<(payload - 16)])) == .truncated)  // header, no nonce
        #expect(decrypt(Array(file[..<30])) == .truncated)  // inside the header
        #expect(decrypt(Array(file[..<(payload + 10)])) == .truncated)  // shorter than a tag
        #expect(decrypt(Array(file.dropLast(1))) == .payloadAuthenticationFailed)  // inside the last chunk
        // After a short final chunk, an extra byte cannot be told from a longer, altered chunk.
        #expect(decrypt(file + [0]) == .payloadAuthenticationFailed)
        #expect(decrypt([]) == .notAgeFile)
        #expect(decrypt(Array("hello, world\n".utf8)) == .notAgeFile)
        #expect(decrypt(Array("-----BEGIN AGE ENCRYPTED FILE-----\n".utf8)) == .notAgeFile)
        #expect(decrypt(Array("age-encryption.org/v1\nnonsense\n--- x\n".utf8)) == .malformedHeader)
    }

    @Test func fullSizeLastChunkAndTrailingDataAfterIt() throws {
        let pair = AgeKeyPair.generate()
        let file = try AgeTestSupport.encrypt(Self.pattern(2 * Self.chunk), to: [pair.recipient])
        #expect(try AgeTestSupport.decrypt(file, with: [pair.identity], pieceSize: Self.chunk + 16) == Self.pattern(2 * Self.chunk))
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeTestSupport.decrypt(file + Array(repeating: 0, count: 20), with: [pair.identity]) } == .trailingData)
    }

    @Test func identityFilesAndKeyStrings() throws {
        let pair = AgeKeyPair.generate()
        let text = pair.keygenText(created: Date(timeIntervalSince1970: 0))
        #expect(text.hasPrefix("# created: 1970-01-01T00:00:00Z\n# public key: age1"))
        #expect(text.hasSuffix("\n\(pair.identityString)\n"))
        let identities = try AgeIdentity.parseFile(text + "\n# another\n" + Self.knownIdentity + "\n")
        #expect(identities.count == 2)
        #expect(identities.map { $0.recipient?.encoded } == [pair.recipientString, Self.knownRecipient])
        #expect(try AgeRecipient(parsing: pair.recipientString).encoded == pair.recipientString)
        #expect(pair.recipientString.hasPrefix("age1") && pair.recipientString.count == 62)
        #expect(pair.identityString.hasPrefix("AGE-SECRET-KEY-1") && pair.identityString.count == 74)
        #expect(!String(describing: pair.identity).contains(pair.identityString))
        #expect(!String(reflecting: pair.identity).contains(pair.identityString))
        #expect(!String(describing: try AgeIdentity.passphrase("hunter2")).contains("hunter2"))
        #expect(!String(describing: try AgeRecipient.passphrase("hunter2")).contains("hunter2"))
    }

    @Test(
        "malformed key strings are refused",
        arguments: [
            "", "age1", "AGE1NFJLR28300FH6WWJ0UZ7A480MY2U7E2GC9HT9SXKND35EL0MDCQQESU766",
            "age1nfjlr28300fh6wwj0uz7a480my2u7e2gc9ht9sxknd35el0mdcqqesu767",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "AGE-SECRET-KEY-18539LLWA3SPSHNSTLASGYQJ54A3QXEPW785ZH6U4KS64V5A6C3PSVYXRA6",
        ])
    func malformedRecipients(text: String) {
        #expect(AgeTestSupport.ageErrorCode { _ = try AgeRecipient(parsing: text) } == .invalidRecipient)
    }

    @Test(
        "malformed identities are refused without echoing them",
        arguments: [
            "age-secret-key-18539llwa3spshnstlasgyqj54a3qxepw785zh6u4ks64v5a6c3psvyxra6",
            "AGE-SECRET-KEY-18539LLWA3SPSHNSTLASGYQJ54A3QXEPW785ZH6U4KS64V5A6C3PSVYXRA7",
            "AGE-SECRET-KEY-18539LLWA3SPSHNSTLASGYQJ54A3QXEPW785ZH6U4KS64V5A6C3PSVYX",
            "age1nfjlr28300fh6wwj0uz7a480my2u7e2gc9ht9sxknd35el0mdcqqesu766",
        ])
    func malformedIdentities(text: String) {
        let error = #expect(throws: AgeError.self) { _ = try AgeIdentity(parsing: text) }
        #expect(error?.code == .invalidIdentity)
        #expect(error?.description.contains(text) == false)
        let fileError = #expect(throws: AgeError.self) { _ = try AgeIdentity.parseFile("# comment\n\n\(text)\n") }
        #expect(fileError?.message.contains("line 3") == true)
        #expect(fileError?.description.contains(text) == false)
    }

    @Test func keyPairsAreFresh() {
        #expect(AgeKeyPair.generate().identityString != AgeKeyPair.generate().identityString)
    }
}
