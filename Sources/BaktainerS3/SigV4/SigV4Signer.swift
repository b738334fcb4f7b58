import BaktainerCore
import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// AWS Signature Version 4 for S3 requests, written from AWS's specification ("Authenticating Requests (AWS
/// Signature Version 4)") and checked against its published examples (`SigV4SignerTests`).
///
/// Pure: the caller supplies the time, the headers to sign and the payload's hash (hex SHA-256, or
/// `UNSIGNED-PAYLOAD`); the signer returns the `Authorization` header. Paths are encoded once (S3's rule, not the
/// double encoding of other services).
package struct SigV4Signer: Sendable {
    /// The access key pair.
    package var credentials: S3Credentials
    /// The signing region, e.g. `us-east-1`.
    package var region: String
    /// The service, `s3`.
    package var service: String

    /// Creates a signer for `region`.
    package init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// The hex SHA-256 of an empty payload.
    package static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The payload hash of a request whose body is not signed.
    package static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// `20130524T000000Z` of `date` (UTC).
    package static func amzDate(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = BackupKey.day(of: date).filter { $0 != "-" }
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(secondOfDay / 3600))\(two(secondOfDay / 60 % 60))\(two(secondOfDay % 60))Z"
    }

    /// The canonical request: method, encoded path, sorted query, sorted lower-cased headers, signed header names
    /// and payload hash, one per line.
    package static func canonicalRequest(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], payloadHash: String
    ) -> (request: String, signedHeaders: String) {
        let encoded: [(String, String)] = query.map { (uriEncode($0.0, keepSlash: false), uriEncode($0.1, keepSlash: false)) }
        let sorted = encoded.sorted { (left: (String, String), right: (String, String)) -> Bool in
            left.0 == right.0 ? left.1 < right.1 : left.0 < right.0
        }
        let canonicalQuery = sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            merged[name.lowercased(), default: []].append(trimmedHeaderValue(value))
        }
        let names = merged.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(merged[$0]!.joined(separator: ","))\n" }.joined()
        let signedHeaders = names.joined(separator: ";")
        let request = [method, uriEncode(path, keepSlash: true), canonicalQuery, canonicalHeaders, signedHeaders, payloadHash]
            .joined(separator: "\n")
        return (request, signedHeaders)
    }

    /// The `Authorization` header value for a request at `date`. `headers` must hold every header to be signed:
    /// at least `host`, `x-amz-date` (``amzDate(_:)`` of `date`) and `x-amz-content-sha256` (`payloadHash`).
    package func authorization(
        method: String, path: String, query: [(String, String)], headers: [(String, String)], payloadHash: String, date: Date
    ) -> String {
        let (request, signedHeaders) = Self.canonicalRequest(method: method, path: path, query: query, headers: headers, payloadHash: payloadHash)
        let timestamp = Self.amzDate(date)
        let day = String(timestamp.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", timestamp, scope, Self.hex(SHA256.hash(data: Array(request.utf8)))].joined(separator: "\n")
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey(day: day)))
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    }

    /// The key derived for `day` (`YYYYMMDD`): HMAC chain over date, region, service and `aws4_request`.
    func signingKey(day: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
        }
        let secret = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey.revealed)".utf8))
        return hmac(hmac(hmac(hmac(secret, day), region), service), "aws4_request")
    }

    /// Percent-encodes everything but `A–Z a–z 0–9 - _ . ~` (and `/` in paths), upper-case hex, as SigV4 requires.
    package static func uriEncode(_ text: String, keepSlash: Bool) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                encoded.append("/")
            default:
                let digits = Array("0123456789ABCDEF")
                encoded.append("%")
                encoded.append(digits[Int(byte >> 4)])
                encoded.append(digits[Int(byte & 0x0F)])
            }
        }
        return encoded
    }

    /// Lower-case hex of `bytes`.
    package static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A header value with its ends trimmed and inner runs of spaces collapsed to one.
    static func trimmedHeaderValue(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
