import NIOCore

/// One stage of a streamed byte pipeline: compression, encryption, or their inverses.
///
/// A transform is pure and synchronous: it does no I/O and never holds more than a bounded amount of input
/// back (a compressor's window, one 64 KiB encryption chunk), so a pipeline built from transforms keeps memory
/// flat whatever the stream's size. The caller pulls a piece, transforms it, writes the result and only then
/// pulls the next, so a slow sink slows the source. A transform is used by one task at a time, once.
package protocol ByteStreamTransform {
    /// Transforms the next piece of input; the result may be empty when the transform holds bytes back.
    mutating func transform(_ input: ByteBuffer) throws -> ByteBuffer
    /// Ends the stream: returns what was held back plus any trailer. Throws when the input ended too early
    /// (a truncated compressed or encrypted stream).
    mutating func finish() throws -> ByteBuffer
}
