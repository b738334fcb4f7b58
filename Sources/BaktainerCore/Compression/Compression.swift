import NIOCore

/// How a backup file is compressed: not at all, gzip or zstd, with the level used when writing.
package enum Compression: Sendable, Hashable, CustomStringConvertible {
    /// The file holds the dump as it is.
    case none
    /// A gzip file (`.gz`) at `level` 1…9.
    case gzip(level: Int)
    /// A zstd file (`.zst`) at `level` 1…19, with a content checksum.
    case zstd(level: Int)

    /// The gzip levels: 1 fastest … 9 smallest.
    package static let gzipLevels = 1...9
    /// The gzip level when none is set (gzip's own default).
    package static let defaultGzipLevel = 6
    /// The zstd levels offered: 1 fastest … 19 smallest (20–22 need far more memory and are left out).
    package static let zstdLevels = 1...19
    /// The zstd level when none is set (zstd's own default).
    package static let defaultZstdLevel = 3
    /// The largest piece of output a compressor or decompressor passes on at once: 128 KiB.
    package static let maximumPieceSize = 128 * 1024

    /// gzip at its default level.
    package static var gzip: Compression { .gzip(level: defaultGzipLevel) }
    /// zstd at its default level.
    package static var zstd: Compression { .zstd(level: defaultZstdLevel) }

    /// The format's name as settings spell it: `none`, `gzip` or `zstd`.
    package var name: String {
        switch self {
        case .none: "none"
        case .gzip: "gzip"
        case .zstd: "zstd"
        }
    }

    package var description: String {
        switch self {
        case .none: "none"
        case .gzip(let level), .zstd(let level): "\(name) level \(level)"
        }
    }

    /// The suffix of a file in this format, without the dot: `""`, `"gz"` or `"zst"`.
    package var fileExtension: String {
        switch self {
        case .none: ""
        case .gzip: "gz"
        case .zstd: "zst"
        }
    }

    /// `fileName` with this format's suffix appended (`db.sql` → `db.sql.gz`); unchanged for `.none`.
    package func appendingExtension(to fileName: String) -> String {
        fileExtension.isEmpty ? fileName : "\(fileName).\(fileExtension)"
    }

    /// A new compressor for one stream, or nil for `.none`. Throws `invalidLevel` for a level out of range.
    package func makeCompressor() throws(CompressionError) -> (any ChunkedByteStreamTransform)? {
        switch self {
        case .none: nil
        case .gzip(let level): try GzipCompressor(level: level)
        case .zstd(let level): try ZstdCompressor(level: level)
        }
    }

    /// A new decompressor for one stream, or nil for `.none`; the level plays no part.
    package func makeDecompressor() throws(CompressionError) -> (any ChunkedByteStreamTransform)? {
        switch self {
        case .none: nil
        case .gzip: try GzipDecompressor()
        case .zstd: try ZstdDecompressor()
        }
    }

    /// The format a file name's suffix says (`.gz`, `.zst`, any case), at its default level; `.none` otherwise.
    package init(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".gz") {
            self = .gzip
        } else if lowered.hasSuffix(".zst") {
            self = .zstd
        } else {
            self = .none
        }
    }

    /// The format the first bytes of a file show (gzip `1f 8b`, zstd `28 b5 2f fd`), at its default level;
    /// `.none` when neither magic number is there (including when fewer bytes are given).
    package init(magic bytes: some Sequence<UInt8>) {
        let prefix = Array(bytes.prefix(4))
        if prefix.starts(with: [0x1F, 0x8B]) {
            self = .gzip
        } else if prefix.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
            self = .zstd
        } else {
            self = .none
        }
    }

    /// The format the first bytes of `buffer`'s readable region show; see ``init(magic:)-(Sequence<UInt8>)``.
    package init(magic buffer: ByteBuffer) {
        self.init(magic: buffer.readableBytesView)
    }
}
