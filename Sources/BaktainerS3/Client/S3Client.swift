import AsyncHTTPClient
import BaktainerCore
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The S3 operations Baktainer uses, signed with ``SigV4Signer`` and sent with AsyncHTTPClient: single `PUT`,
/// multipart upload (create, part, complete, abort), `HEAD`, streamed and small `GET`, `ListObjectsV2` with
/// pagination, `DELETE`. Keys are the destination's: the prefix is added here. Payloads are sent as
/// `UNSIGNED-PAYLOAD` (streamed once, never read twice); each part's MD5 is checked against the ETag S3 returns.
///
/// Failures are ``S3Error``s: S3's own error code and message, or the transport's, with the operation and key.
package struct S3Client: Sendable {
    /// The destination's settings.
    package let settings: S3Settings
    private let http: HTTPClient
    private let signer: SigV4Signer
    private let now: @Sendable () -> Date

    /// A client for `settings` over `http` (owned by the caller, who shuts it down); `now` stamps signatures.
    package init(settings: S3Settings, http: HTTPClient, now: @escaping @Sendable () -> Date = { Date() }) {
        self.settings = settings
        self.http = http
        self.signer = SigV4Signer(credentials: settings.credentials, region: settings.region)
        self.now = now
    }

    /// What a `HEAD` tells of an object.
    package struct ObjectInfo: Sendable, Equatable {
        /// Its size in bytes.
        package var size: Int
        /// Its ETag without quotes.
        package var etag: String
    }

    /// One object of a listing.
    package struct ListedObject: Sendable, Equatable {
        /// The key relative to the prefix.
        package var key: String
        /// The size in bytes.
        package var size: Int
    }

    /// A multipart upload that was started and neither completed nor aborted.
    package struct PendingUpload: Sendable, Equatable {
        /// The key relative to the prefix.
        package var key: String
        /// The upload's id.
        package var uploadID: String
    }

    /// The object key of `key` under the prefix.
    package func objectKey(_ key: String) -> String {
        settings.prefix.isEmpty ? key : "\(settings.prefix)/\(key)"
    }

    // MARK: Operations

    /// Uploads `body` (its length known) as `key` in one request; returns the ETag.
    package func put(_ key: String, body: HTTPClientRequest.Body, headers: [(String, String)] = []) async throws -> String {
        let response = try await send("PUT", key: key, headers: headers + objectHeaders, body: body, timeout: .minutes(30))
        return try await etag(of: response, operation: "upload", key: key)
    }

    /// Starts a multipart upload of `key`; returns its upload id.
    package func createMultipartUpload(_ key: String, headers: [(String, String)] = []) async throws -> String {
        let response = try await send("POST", key: key, query: [("uploads", "")], headers: headers + objectHeaders)
        let body = try await collect(response, operation: "start the multipart upload of", key: key)
        guard let id = S3XML.value("UploadId", in: Substring(body)) else {
            throw S3Error(
                operation: "start the multipart upload of", key: key, status: response.status.code, code: "MalformedAnswer",
                message: "no UploadId in the answer")
        }
        return id
    }

    /// Uploads part `number` (1-based) of upload `uploadID`; returns the ETag.
    package func uploadPart(
        _ key: String, uploadID: String, number: Int, body: HTTPClientRequest.Body, headers: [(String, String)] = []
    ) async throws -> String {
        let response = try await send(
            "PUT", key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)], headers: headers, body: body, timeout: .minutes(30))
        return try await etag(of: response, operation: "upload part \(number) of", key: key)
    }

    /// Completes upload `uploadID` from its parts' ETags in order; returns the object's ETag.
    package func completeMultipartUpload(_ key: String, uploadID: String, etags: [String]) async throws -> String {
        let parts = etags.enumerated().map { "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\"\(S3XML.escape($0.element))\"</ETag></Part>" }
        let xml = "<CompleteMultipartUpload>\(parts.joined())</CompleteMultipartUpload>"
        let response = try await send(
            "POST", key: key, query: [("uploadId", uploadID)], headers: [("Content-Type", "application/xml")], body: .bytes(ByteBuffer(string: xml)),
            timeout: .minutes(10))
        // S3 may answer 200 and report the failure in the body.
        let body = try await collect(response, operation: "complete the multipart upload of", key: key)
        if S3XML.value("Code", in: Substring(body)) != nil, !body.contains("<CompleteMultipartUploadResult") {
            throw S3Error(
                operation: "complete the multipart upload of", key: key, status: response.status.code,
                code: S3XML.value("Code", in: Substring(body)) ?? "", message: S3XML.value("Message", in: Substring(body)) ?? "")
        }
        return (S3XML.value("ETag", in: Substring(body)) ?? "").unquoted
    }

    /// Abandons upload `uploadID`, so that S3 drops its parts.
    package func abortMultipartUpload(_ key: String, uploadID: String) async throws {
        let response = try await send("DELETE", key: key, query: [("uploadId", uploadID)])
        _ = try await collect(response, operation: "abort the multipart upload of", key: key, accepting: [204, 200, 404])
    }

    /// The size and ETag of `key`, or nil when there is no such object.
    package func head(_ key: String) async throws -> ObjectInfo? {
        let response = try await send("HEAD", key: key)
        if response.status == .notFound { return nil }
        _ = try await collect(response, operation: "look up", key: key)
        guard let length = response.headers.first(name: "content-length").flatMap(Int.init) else {
            throw S3Error(operation: "look up", key: key, status: response.status.code, code: "MalformedAnswer", message: "no Content-Length")
        }
        let etag = (response.headers.first(name: "etag") ?? "").unquoted
        return ObjectInfo(size: length, etag: etag)
    }

    /// The object `key`, at most `limit` bytes, or nil when there is no such object.
    package func getSmall(_ key: String, limit: Int = 1 << 20) async throws -> [UInt8]? {
        let response = try await send("GET", key: key)
        if response.status == .notFound {
            _ = try? await response.body.collect(upTo: 64 << 10)
            return nil
        }
        guard response.status == .ok else {
            _ = try await collect(response, operation: "read", key: key)
            return nil
        }
        var buffer = try await response.body.collect(upTo: limit)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// The object `key` as it streams in (pulled: a slow reader slows the download).
    package func get(_ key: String) async throws -> HTTPClientResponse.Body {
        let response = try await send("GET", key: key, timeout: .hours(24))
        guard response.status == .ok else {
            _ = try await collect(response, operation: "read", key: key)
            throw S3Error(operation: "read", key: key, status: response.status.code, code: "NoSuchKey", message: "not found")
        }
        return response.body
    }

    /// Every object under the prefix, page by page.
    package func list() async throws -> [ListedObject] {
        var objects: [ListedObject] = []
        var token: String?
        let base = settings.prefix.isEmpty ? "" : settings.prefix + "/"
        repeat {
            var query = [("list-type", "2"), ("prefix", base)]
            if let token { query.append(("continuation-token", token)) }
            let response = try await send("GET", key: nil, query: query)
            let body = try await collect(response, operation: "list", key: base)
            for contents in S3XML.elements("Contents", in: Substring(body)) {
                guard let key = S3XML.value("Key", in: contents), key.hasPrefix(base), let size = S3XML.value("Size", in: contents).flatMap(Int.init)
                else { continue }
                objects.append(ListedObject(key: String(key.dropFirst(base.count)), size: size))
            }
            token = S3XML.value("IsTruncated", in: Substring(body)) == "true" ? S3XML.value("NextContinuationToken", in: Substring(body)) : nil
        } while token != nil
        return objects
    }

    /// Every multipart upload in progress under the prefix (`ListMultipartUploads`), page by page.
    package func listMultipartUploads() async throws -> [PendingUpload] {
        var uploads: [PendingUpload] = []
        var markers: (key: String, uploadID: String)?
        let base = settings.prefix.isEmpty ? "" : settings.prefix + "/"
        repeat {
            var query = [("uploads", ""), ("prefix", base)]
            if let markers { query += [("key-marker", markers.key), ("upload-id-marker", markers.uploadID)] }
            let response = try await send("GET", key: nil, query: query)
            let body = Substring(try await collect(response, operation: "list the multipart uploads under", key: base))
            for upload in S3XML.elements("Upload", in: body) {
                guard let key = S3XML.value("Key", in: upload), key.hasPrefix(base), let id = S3XML.value("UploadId", in: upload) else { continue }
                uploads.append(PendingUpload(key: String(key.dropFirst(base.count)), uploadID: id))
            }
            markers =
                S3XML.value("IsTruncated", in: body) == "true"
                ? S3XML.value("NextKeyMarker", in: body).map { ($0, S3XML.value("NextUploadIdMarker", in: body) ?? "") } : nil
        } while markers != nil
        return uploads
    }

    /// Deletes `key` (a missing object is not an error).
    package func delete(_ key: String) async throws {
        let response = try await send("DELETE", key: key)
        _ = try await collect(response, operation: "delete", key: key, accepting: [204, 200, 404])
    }

    // MARK: Requests

    /// Headers every stored object gets: server-side encryption and storage class when configured.
    private var objectHeaders: [(String, String)] {
        var headers: [(String, String)] = []
        if let sse = settings.serverSideEncryption { headers.append(("x-amz-server-side-encryption", sse)) }
        if let kms = settings.kmsKeyID { headers.append(("x-amz-server-side-encryption-aws-kms-key-id", kms)) }
        if let storageClass = settings.storageClass { headers.append(("x-amz-storage-class", storageClass)) }
        if let mode = settings.objectLockMode, let retention = settings.objectLockRetention {
            let until = now().addingTimeInterval(Double(retention.components.seconds))
            headers.append(("x-amz-object-lock-mode", mode))
            headers.append(("x-amz-object-lock-retain-until-date", until.formatted(.iso8601)))
        }
        return headers
    }

    /// Signs and sends one request; `key` nil addresses the bucket.
    private func send(
        _ method: String, key: String?, query: [(String, String)] = [], headers: [(String, String)] = [], body: HTTPClientRequest.Body? = nil,
        timeout: TimeAmount = .seconds(60)
    ) async throws -> HTTPClientResponse {
        let endpoint = settings.endpoint
        let scheme = endpoint.scheme ?? "https"
        let port = endpoint.port.map { ":\($0)" } ?? ""
        let objectPath = key.map { "/" + objectKey($0) } ?? "/"
        let host: String
        let path: String
        if settings.pathStyle {
            host = "\(endpoint.host ?? "")\(port)"
            path = "/\(settings.bucket)\(key == nil ? "" : objectPath)"
        } else {
            host = "\(settings.bucket).\(endpoint.host ?? "")\(port)"
            path = objectPath
        }
        let date = now()
        let payloadHash = body == nil ? SigV4Signer.emptyPayloadHash : SigV4Signer.unsignedPayload
        var signed = headers
        signed.append(("host", host))
        signed.append(("x-amz-date", SigV4Signer.amzDate(date)))
        signed.append(("x-amz-content-sha256", payloadHash))
        let authorization = signer.authorization(
            method: method, path: path, query: query, headers: signed, payloadHash: payloadHash, date: date)
        let queryText = query.map { "\(SigV4Signer.uriEncode($0.0, keepSlash: false))=\(SigV4Signer.uriEncode($0.1, keepSlash: false))" }
            .joined(separator: "&")
        var request = HTTPClientRequest(url: "\(scheme)://\(host)\(SigV4Signer.uriEncode(path, keepSlash: true))\(queryText.isEmpty ? "" : "?" + queryText)")
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in signed { request.headers.replaceOrAdd(name: name, value: value) }
        request.headers.replaceOrAdd(name: "authorization", value: authorization)
        request.body = body
        do {
            return try await http.execute(request, timeout: timeout)
        } catch {
            throw S3Error(operation: method, key: key ?? "", transport: error, endpoint: "\(scheme)://\(endpoint.host ?? "")\(port)")
        }
    }

    /// The answer's body as text, after checking its status is one of `accepting` (else an ``S3Error``).
    private func collect(
        _ response: HTTPClientResponse, operation: String, key: String, accepting: Set<UInt> = [200, 204, 206]
    ) async throws -> String {
        let buffer = try await response.body.collect(upTo: 16 << 20)
        let text = String(buffer: buffer)
        guard accepting.contains(response.status.code) else {
            let body = Substring(text)
            throw S3Error(
                operation: operation, key: key, status: response.status.code, code: S3XML.value("Code", in: body) ?? "",
                message: S3XML.value("Message", in: body) ?? "", region: response.headers.first(name: "x-amz-bucket-region"))
        }
        return text
    }

    private func etag(of response: HTTPClientResponse, operation: String, key: String) async throws -> String {
        _ = try await collect(response, operation: operation, key: key)
        return (response.headers.first(name: "etag") ?? "").unquoted
    }
}

extension String {
    /// The text without surrounding double quotes (an ETag as S3 sends it).
    fileprivate var unquoted: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }
}
