/// A compressed stream that cannot be written or read, saying what happened and what to do about it.
package struct CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bounded failure kind; also usable as a metric label.
    package enum Code: String, Sendable, Equatable {
        /// The stream ends before its last frame or trailer: the file was cut short.
        case truncated
        /// The bytes are not a valid stream of the expected format.
        case corrupt
        /// The data decodes but fails its integrity check (zstd content checksum).
        case checksumMismatch = "checksum_mismatch"
        /// A compression level the format does not support.
        case invalidLevel = "invalid_level"
        /// The compression library failed for a reason of its own (e.g. out of memory).
        case libraryFailure = "library_failure"
    }

    /// What kind of failure.
    package var code: Code
    /// What happened and what to do.
    package var message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }
}
