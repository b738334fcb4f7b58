/// How a file of a known size is uploaded: one `PUT` when it is small, otherwise parts of one equal size (the last
/// one shorter) — providers such as R2 refuse unequal parts — never more than S3's 10,000.
package struct MultipartPlan: Sendable, Equatable {
    /// S3's smallest part (except the last).
    package static let minimumPartSize = 5 << 20
    /// S3's largest part.
    package static let maximumPartSize = 5 << 30
    /// S3's most parts per upload.
    package static let maximumParts = 10_000
    /// The part size used when none is configured: few requests, little memory (a part is streamed, never held).
    package static let defaultPartSize = 16 << 20

    /// The file's size.
    package var size: Int
    /// Every part's size but the last's; nil for a single `PUT`.
    package var partSize: Int?

    /// The plan for `size` bytes with the configured part size (`BT_S3_PART_SIZE`) or the default. A configured
    /// size that would need more than 10,000 parts is raised to the smallest whole MiB that fits.
    package init(size: Int, configuredPartSize: Int? = nil) {
        self.size = size
        let wanted = configuredPartSize ?? Self.defaultPartSize
        guard size > wanted else {
            partSize = nil
            return
        }
        let mebibyte = 1 << 20
        let fitting = (size + Self.maximumParts - 1) / Self.maximumParts
        let roundedUp = (fitting + mebibyte - 1) / mebibyte * mebibyte
        partSize = min(Self.maximumPartSize, max(wanted, roundedUp, Self.minimumPartSize))
    }

    /// The byte ranges of the parts in order (part number = index + 1); one range for a single `PUT`.
    package var parts: [Range<Int>] {
        guard let partSize else { return [0..<size] }
        return stride(from: 0, to: size, by: partSize).map { $0..<min($0 + partSize, size) }
    }

    /// Whether the file goes up in parts.
    package var isMultipart: Bool { partSize != nil }
}
