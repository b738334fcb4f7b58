// Copies one committed local backup to the S3 destination configured by BT_S3_* — the code path of every copy
// (S3BackupStorage.store: equal parts, eight at a time, ETag and size checks, sidecars, record last) — and prints
// "bytes seconds". scripts/bench-upload.sh runs it beside `aws s3 cp` against the same server and compares.
//
// Usage: baktainer-upload-bench BACKUP_DIR KEY   (KEY: YYYY-MM-DD/<file>, as `baktainer list --backups` shows it)
// Experiments: BENCH_CHUNK=BYTES (the local read size), BENCH_CONCURRENCY=N (parts at a time).
#if canImport(Glibc)
import Glibc
#endif
import AsyncHTTPClient
import BaktainerCore
import BaktainerS3
import NIOPosix

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: baktainer-upload-bench BACKUP_DIR KEY")
    exit(64)
}
/// Copies `key` of `directory` to the configured bucket; nonisolated so the upload stays off the main actor.
nonisolated func upload(directory: String, key: BackupKey) async throws -> Int {
    guard var settings = try S3Settings(configuration: ConfigurationValues.load(environment: ProcessInfo.processInfo.environment)) else {
        throw StorageError(.ioError, "BT_S3_BUCKET is not set")
    }
    // BENCH_CONCURRENCY=N uploads N parts at a time instead of the default (experiments).
    if let parts = ProcessInfo.processInfo.environment["BENCH_CONCURRENCY"].flatMap(Int.init), parts > 0 { settings.partConcurrency = parts }
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    let http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    do {
        var copy = try await LocalBackupStorage(root: directory).copySource(of: key)
        // BENCH_CHUNK=BYTES reads the backup in chunks of that size instead of the storage's default (experiments).
        if let chunk = ProcessInfo.processInfo.environment["BENCH_CHUNK"].flatMap(Int.init), chunk > 0 {
            let path = LocalBackupStorage(root: directory).location(of: key)
            copy.read = { range in
                let reader = try await StreamingFileReader(path: path, range: range, chunkSize: chunk)
                return ByteStream(next: { try await reader.next() })
            }
        }
        try await S3BackupStorage(client: S3Client(settings: settings, http: http)).store(copy)
        try await http.shutdown()
        return copy.size
    } catch {
        try? await http.shutdown()
        throw error
    }
}
let clock = ContinuousClock()
let start = clock.now
let bytes: Int
do {
    bytes = try await upload(directory: arguments[1], key: BackupKey(arguments[2]))
} catch {
    print("upload failed: \(error)")
    exit(1)
}
let elapsed = clock.now - start
print(bytes, elapsed.timeInterval)
