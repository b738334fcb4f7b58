import BaktainerCore
import Foundation
import Testing

@testable import BaktainerS3

/// The examples AWS publishes for Signature Version 4 in S3's documentation ("Examples: Signature Calculations in
/// AWS Signature Version 4", bucket `examplebucket`, 2013-05-24, key AKIAIOSFODNN7EXAMPLE): each signature must
/// come out exactly.
@Suite struct SigV4SignerTests {
    let signer = SigV4Signer(
        credentials: S3Credentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
        region: "us-east-1")
    let date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z
    let host = "examplebucket.s3.amazonaws.com"

    @Test func amzDateIsUTCBasicFormat() {
        #expect(SigV4Signer.amzDate(date) == "20130524T000000Z")
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_440_938_160)) == "20150830T123600Z")
    }

    @Test func getObjectWithARange() {
        let headers = [
            ("Host", host), ("Range", "bytes=0-9"), ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash), ("x-amz-date", "20130524T000000Z"),
        ]
        let (request, signed) = SigV4Signer.canonicalRequest(
            method: "GET", path: "/test.txt", query: [], headers: headers, payloadHash: SigV4Signer.emptyPayloadHash)
        #expect(
            request == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """)
        #expect(signed == "host;range;x-amz-content-sha256;x-amz-date")
        let authorization = signer.authorization(
            method: "GET", path: "/test.txt", query: [], headers: headers, payloadHash: SigV4Signer.emptyPayloadHash, date: date)
        #expect(
            authorization
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
        )
    }

    @Test func putObjectEncodesTheKeyAndSignsThePayload() {
        let payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"  // "Welcome to Amazon S3."
        let headers = [
            ("Host", host), ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-date", "20130524T000000Z"),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", payloadHash),
        ]
        let authorization = signer.authorization(method: "PUT", path: "/test$file.text", query: [], headers: headers, payloadHash: payloadHash, date: date)
        #expect(
            authorization.hasSuffix(
                "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"
            ))
    }

    @Test func getBucketLifecycleSignsAQueryKeyWithoutValue() {
        let headers = [("Host", host), ("x-amz-date", "20130524T000000Z"), ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash)]
        let authorization = signer.authorization(
            method: "GET", path: "/", query: [("lifecycle", "")], headers: headers, payloadHash: SigV4Signer.emptyPayloadHash, date: date)
        #expect(authorization.hasSuffix("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"))
    }

    @Test func listObjectsSortsTheQuery() {
        let headers = [("Host", host), ("x-amz-date", "20130524T000000Z"), ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash)]
        let authorization = signer.authorization(
            method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")], headers: headers, payloadHash: SigV4Signer.emptyPayloadHash,
            date: date)
        #expect(authorization.hasSuffix("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
    }

    @Test func encodingFollowsSigV4() {
        #expect(SigV4Signer.uriEncode("2026-12-01/shop db+1.sql.gz", keepSlash: true) == "2026-12-01/shop%20db%2B1.sql.gz")
        #expect(SigV4Signer.uriEncode("a/b~c", keepSlash: false) == "a%2Fb~c")
        #expect(SigV4Signer.uriEncode("é", keepSlash: false) == "%C3%A9")
        #expect(SigV4Signer.trimmedHeaderValue("  a   b  ") == "a b")
    }

    @Test func theSecretNeverPrints() {
        #expect(!"\(signer.credentials)".contains("EXAMPLEKEY"))
    }
}
