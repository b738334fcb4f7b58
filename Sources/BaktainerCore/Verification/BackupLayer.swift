/// One encoding layer of a stored backup, named by a file-name suffix: `shop-1795583298.sql.zst.age` is a
/// `sql` dump, zstd-compressed, then age-encrypted.
package enum BackupLayer: String, Sendable, Equatable, CaseIterable {
    /// gzip compression (`.gz`).
    case gzip = "gz"
    /// zstd compression (`.zst`).
    case zstd = "zst"
    /// age encryption (`.age`).
    case age

    /// The layers of `fileName`, outermost (last suffix) first, the order in which they are decoded.
    /// `shop-1.sql.zst.age` → `[.age, .zstd]`; a plain `shop-1.sql` → `[]`.
    package static func layers(ofFileName fileName: String) -> [BackupLayer] {
        var layers: [BackupLayer] = []
        for suffix in fileName.split(separator: ".").dropFirst().reversed() {
            guard let layer = BackupLayer(rawValue: String(suffix)) else { break }
            layers.append(layer)
        }
        return layers
    }

    /// The name used in messages.
    package var displayName: String {
        switch self {
        case .gzip: "gzip"
        case .zstd: "zstd"
        case .age: "age"
        }
    }

    /// The bytes every stream of this layer starts with.
    package var magic: [UInt8] {
        switch self {
        case .gzip: [0x1f, 0x8b]
        case .zstd: [0x28, 0xb5, 0x2f, 0xfd]
        case .age: Array("age-encryption.org/v1\n".utf8)
        }
    }
}
