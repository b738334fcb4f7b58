#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The current line of a dump as a row counter sees it between data blocks: its first `limit` bytes (enough
/// for any statement head the counters read: keyword and up to two quoted identifiers) and its last bytes, so
/// that a long line (a function body, a column list) costs bounded memory and no allocation once the buffers
/// have grown.
struct DumpLine: Sendable {
    /// The first bytes of the line, at most `limit`.
    private(set) var head: [UInt8] = []
    /// The length of the whole line so far.
    private(set) var count = 0
    private var tail: [UInt8] = []
    private let limit: Int
    private static let tailLength = 64

    /// Creates an empty line keeping at most `limit` bytes of its head.
    init(limit: Int = 4096) {
        self.limit = limit
        head.reserveCapacity(limit)
        tail.reserveCapacity(2 * Self.tailLength)
    }

    /// Whether bytes were dropped from the middle: the head then holds only the line's start.
    var isTruncated: Bool { count > limit }

    /// Appends `bytes[start..<end]` (no newline among them, or a newline inside a quoted name).
    mutating func append(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        guard end > start else { return }
        let room = limit - head.count
        if room > 0 {
            head.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<min(end, start + room)]))
        }
        let previous = count
        count += end - start
        if count > limit {
            if previous <= limit { tail.append(contentsOf: head[max(0, previous - Self.tailLength)..<previous]) }
            tail.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[max(start, end - Self.tailLength)..<end]))
            if tail.count > 2 * Self.tailLength { tail.removeFirst(tail.count - Self.tailLength) }
        }
    }

    /// Appends one byte (a newline that belongs to a quoted identifier).
    mutating func append(byte: UInt8) {
        withUnsafeBytes(of: byte) { append($0, from: 0, to: 1) }
    }

    /// Moves the head into `buffer` (whose bytes the line takes over, emptied) and forgets the line: hands the
    /// head on without copying it.
    mutating func takeHead(into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        swap(&head, &buffer)
        reset()
    }

    /// Forgets the line, keeping the buffers' capacity.
    mutating func reset() {
        head.removeAll(keepingCapacity: true)
        tail.removeAll(keepingCapacity: true)
        count = 0
    }

    /// Whether the line starts with `prefix`.
    func hasPrefix(_ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        return head.count >= length && head.withUnsafeBytes { memcmp($0.baseAddress!, prefix.utf8Start, length) == 0 }
    }

    /// Whether the line, trailing spaces and carriage returns ignored, ends with `suffix`.
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let bytes = isTruncated ? tail : head
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let length = suffix.utf8CodeUnitCount
        return end >= length && bytes.withUnsafeBytes { memcmp($0.baseAddress! + (end - length), suffix.utf8Start, length) == 0 }
    }

    /// Whether the head contains `needle`.
    func contains(_ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard length > 0, head.count >= length else { return length == 0 }
        return head.withUnsafeBytes { bytes in
            let base = bytes.baseAddress!
            var index = 0
            while index <= bytes.count - length, let found = memchr(base + index, Int32(needle.utf8Start.pointee), bytes.count - length + 1 - index) {
                index = base.distance(to: UnsafeRawPointer(found))
                if memcmp(base + index, needle.utf8Start, length) == 0 { return true }
                index += 1
            }
            return false
        }
    }

    /// Whether the head holds an odd number of `quote` bytes: a quoted identifier is still open, so a newline
    /// that follows is part of it.
    func hasOpenQuote(_ quote: UInt8) -> Bool {
        !isTruncated && head.reduce(0) { $0 ^ ($1 == quote ? 1 : 0) } == 1
    }
}
