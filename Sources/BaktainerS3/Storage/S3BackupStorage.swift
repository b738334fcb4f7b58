import AsyncHTTPClient
import BaktainerCore
import Crypto
import NIOCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An S3-compatible bucket as a ``BackupDestination``: the same layout as the backup directory under the prefix
/// (`<prefix>/YYYY-MM-DD/<file>`, `<file>.sha256`, `<file>.json`). Its catalog is what `ListObjectsV2` returns,
/// never a local state file; a backup is listed only when its data object and its record are both there.
///
/// A copy goes up in one `PUT` or in equal parts (``MultipartPlan``), a few at a time, each retried with back-off;
/// a failed multipart upload is aborted, so no parts are left to pay for. The copy counts only once S3 holds the
/// exact size, the ETags match the MD5 of what was sent (when S3 computes them so: not with SSE-KMS), and the
/// checksum sidecar reads back equal; the record goes up last.
package struct S3BackupStorage: BackupDestination {
    private let client: S3Client
    private let attempts: Int
    private let pause: @Sendable (Duration) async throws -> Void

    /// A destination over `client`; a failing request is tried `attempts` times, `pause` waits between them.
    package init(client: S3Client, attempts: Int = 3, pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.client = client
        self.attempts = max(1, attempts)
        self.pause = pause
    }

    package var name: String { client.settings.name }

    package func location(of key: BackupKey) -> String {
        "s3://\(client.settings.bucket)/\(client.objectKey(key.rawValue))"
    }

    package func list() async throws -> BackupCatalog {
        let objects = try await storageCall("list the backups") { try await client.list() }
        let names = Set(objects.map(\.key))
        var catalog = BackupCatalog(entries: [])
        for object in objects.sorted(by: { $0.key < $1.key }) {
            let key = BackupKey(object.key)
            guard key.isBackupFile, names.contains(object.key + ".json") else { continue }
            let record = try await storageCall("read the record of \(key)") { try await client.getSmall(object.key + ".json") }
            switch BackupCatalog.decodeRecord(record, for: key, at: location(of: key) + ".json") {
            case .success(let record): catalog.entries.append(CatalogEntry(key: key, location: location(of: key), record: record))
            case .failure(let warning): catalog.warnings.append(warning)
            }
        }
        return catalog
    }

    package func sidecars(of key: BackupKey) async throws -> BackupSidecars {
        try await storageCall("read the sidecars of \(key)") {
            let exists = try await client.head(key.rawValue) != nil
            let record = try await client.getSmall(key.rawValue + ".json")
            let checksum = try await client.getSmall(key.rawValue + ".sha256").map { String(decoding: $0, as: UTF8.self) }
            return BackupSidecars(exists: exists, record: record, checksum: checksum)
        }
    }

    package func open(_ key: BackupKey) async throws -> ByteStream {
        let body = try await storageCall("read \(key)") { try await client.get(key.rawValue) }
        let iterator = Box(body.makeAsyncIterator())
        let name = self.name
        return ByteStream(next: {
            do {
                return try await iterator.value.next()
            } catch {
                throw StorageError(.ioError, "destination \(name): reading \(key) failed: \(error)")
            }
        })
    }

    package func delete(_ key: BackupKey) async throws {
        guard key.isBackupFile else {
            throw StorageError(.ioError, "\(location(of: key)) is not a Baktainer backup (YYYY-MM-DD/<backup file name>), left alone")
        }
        for object in [key.rawValue, key.rawValue + ".sha256", key.rawValue + ".json"] {
            try await storageCall("delete \(object)") { try await retrying { try await client.delete(object) } }
        }
    }

    package func probe() async throws {
        let probe = ".baktainer-probe"
        try await storageCall("write to the bucket") {
            _ = try await client.put(probe, body: .bytes(ByteBuffer(string: "baktainer validate\n")))
            try await client.delete(probe)
        }
    }

    package func store(_ copy: BackupCopy) async throws {
        let key = copy.key.rawValue
        do {
            let plan = MultipartPlan(size: copy.size, configuredPartSize: client.settings.partSize)
            let etag = plan.isMultipart ? try await uploadInParts(copy, plan: plan) : try await uploadWhole(copy)
            let checksum = Array(copy.checksum.utf8)
            _ = try await retrying { try await client.put(key + ".sha256", body: .bytes(ByteBuffer(bytes: checksum)), headers: contentMD5(checksum)) }
            // Check what is stored before the record makes the backup visible.
            guard let stored = try await client.head(key) else {
                throw StorageError(.ioError, "\(location(of: copy.key)) is missing right after its upload")
            }
            guard stored.size == copy.size else {
                throw StorageError(.ioError, "\(location(of: copy.key)) holds \(stored.size) bytes, the local backup \(copy.size)")
            }
            if checksETags, !etag.isEmpty, stored.etag != etag {
                throw StorageError(.ioError, "\(location(of: copy.key)) has ETag \(stored.etag) where the upload's was \(etag)")
            }
            guard let storedChecksum = try await client.getSmall(key + ".sha256"), storedChecksum == checksum else {
                throw StorageError(.ioError, "the checksum sidecar of \(location(of: copy.key)) does not read back as written")
            }
            _ = try await retrying { try await client.put(key + ".json", body: .bytes(ByteBuffer(bytes: copy.record)), headers: contentMD5(copy.record)) }
        } catch {
            for object in [key, key + ".sha256", key + ".json"] { try? await client.delete(object) }
            throw failure("copy \(copy.key) there (the local backup is kept)", error)
        }
    }

    // MARK: Uploads

    /// Whether S3 answers uploads with the MD5 of the bytes as ETag: not for objects encrypted with KMS keys.
    private var checksETags: Bool { client.settings.serverSideEncryption != "aws:kms" }

    /// One `PUT`; returns the ETag checked against the MD5 of what was sent.
    private func uploadWhole(_ copy: BackupCopy) async throws -> String {
        try await retrying {
            let body = PartBody(range: 0..<copy.size, read: copy.read)
            let integrity = try await lockedContentMD5(of: body.range, copy)
            let etag = try await client.put(copy.key.rawValue, body: body.requestBody, headers: metadata(copy) + integrity)
            try check(etag: etag, of: body, what: copy.key.rawValue)
            return etag
        }
    }

    /// A multipart upload, `partConcurrency` parts at a time; aborted on any failure. Returns the object's ETag
    /// as S3 forms it from the parts' MD5s (`<md5 of the digests>-<parts>`), checked.
    private func uploadInParts(_ copy: BackupCopy, plan: MultipartPlan) async throws -> String {
        let key = copy.key.rawValue
        try await abortAbandonedUploads(of: copy.key)
        let uploadID = try await retrying { try await client.createMultipartUpload(key, headers: metadata(copy)) }
        do {
            let parts = plan.parts
            var digests = [[UInt8]](repeating: [], count: parts.count)
            var etags = [String](repeating: "", count: parts.count)
            try await withThrowingTaskGroup(of: (Int, String, [UInt8]).self) { group in
                var next = 0
                func start() {
                    let index = next
                    next += 1
                    group.addTask {
                        try await retrying {
                            let body = PartBody(range: parts[index], read: copy.read)
                            let integrity = try await lockedContentMD5(of: body.range, copy)
                            let etag = try await client.uploadPart(
                                key, uploadID: uploadID, number: index + 1, body: body.requestBody, headers: integrity)
                            try check(etag: etag, of: body, what: "part \(index + 1) of \(key)")
                            return (index, etag, body.digest)
                        }
                    }
                }
                for _ in 0..<min(client.settings.partConcurrency, parts.count) { start() }
                while let (index, etag, digest) = try await group.next() {
                    etags[index] = etag
                    digests[index] = digest
                    if next < parts.count { start() }
                }
            }
            let partETags = etags
            let etag = try await retrying { try await client.completeMultipartUpload(key, uploadID: uploadID, etags: partETags) }
            let expected = SigV4Signer.hex(Insecure.MD5.hash(data: digests.flatMap { $0 })) + "-\(parts.count)"
            if checksETags, etag.count > 32, etag != expected {
                throw StorageError(.ioError, "\(location(of: copy.key)) was assembled with ETag \(etag), the parts sent make \(expected)")
            }
            return etag
        } catch {
            // Best effort: a server that is down now leaves the upload for the next copy's clean-up.
            try? await retrying { try await client.abortMultipartUpload(key, uploadID: uploadID) }
            throw error
        }
    }

    /// Aborts the multipart uploads of `key` that a process which died or lost the server mid-copy left behind
    /// (their parts are billed until aborted), so that copying the backup again leaves none. Only one copy of a key
    /// runs at a time, so none of them is in progress.
    private func abortAbandonedUploads(of key: BackupKey) async throws {
        for upload in try await retrying({ try await client.listMultipartUploads() }) where upload.key == key.rawValue {
            try await retrying { try await client.abortMultipartUpload(upload.key, uploadID: upload.uploadID) }
        }
    }

    /// `Content-MD5` of small bytes: S3 checks it on arrival, and requires it where Object Lock applies.
    private func contentMD5(_ bytes: [UInt8]) -> [(String, String)] {
        [("Content-MD5", Data(Insecure.MD5.hash(data: bytes)).base64EncodedString())]
    }

    /// With Object Lock, `Content-MD5` of bytes `range` of the backup, read once before they are sent (S3 requires
    /// it on every upload to a locked object); otherwise nothing, so the data is read only once.
    private func lockedContentMD5(of range: Range<Int>, _ copy: BackupCopy) async throws -> [(String, String)] {
        guard client.settings.objectLockMode != nil else { return [] }
        var md5 = Insecure.MD5()
        for try await buffer in try await copy.read(range) {
            buffer.withUnsafeReadableBytes { md5.update(bufferPointer: $0) }
        }
        return [("Content-MD5", Data(md5.finalize()).base64EncodedString())]
    }

    /// Metadata on the data object: its SHA-256, so anyone reading the bucket can check it.
    private func metadata(_ copy: BackupCopy) -> [(String, String)] {
        [("x-amz-meta-sha256", copy.sha256), ("Content-Type", "application/octet-stream")]
    }

    /// Throws when a whole body was not sent or S3's MD5 ETag differs from the MD5 of what was sent.
    private func check(etag: String, of body: PartBody, what: String) throws {
        guard body.sent == body.range.count else {
            throw StorageError(.ioError, "\(what): \(body.sent) of \(body.range.count) bytes read from the local backup (changed while copying?)")
        }
        let md5 = SigV4Signer.hex(body.digest)
        if checksETags, etag.count == 32, etag != md5 {
            throw StorageError(.ioError, "\(what) arrived altered: S3's MD5 \(etag), sent \(md5)")
        }
    }

    // MARK: Errors and retries

    /// Runs `operation` up to `attempts` times while it fails transiently (no answer, throttling, 5xx), pausing
    /// 1 s, 2 s, 4 s … between tries.
    private func retrying<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error as S3Error where error.isTransient && attempt < attempts && !Task.isCancelled {
                try await pause(.seconds(1 << (attempt - 1)))
                attempt += 1
            }
        }
    }

    /// Runs `body`, turning its failure into a ``StorageError`` that names the destination.
    private func storageCall<T>(_ action: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw failure(action, error)
        }
    }

    private func failure(_ action: String, _ error: any Error) -> StorageError {
        if let error = error as? StorageError, error.message.hasPrefix("destination ") { return error }
        let cause = (error as? StorageError)?.message ?? "\(error)"
        let code: StorageError.Code = (error as? S3Error)?.code == "AccessDenied" ? .permissionDenied : .ioError
        return StorageError(code, "destination \(name) (\(client.settings.displayName)): cannot \(action): \(cause)")
    }
}

/// A mutable value shared with a closure that runs on one task at a time.
private final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
