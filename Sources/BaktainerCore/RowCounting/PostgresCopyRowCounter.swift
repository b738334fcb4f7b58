#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the rows of every table in a plain-format `pg_dump` stream (one database; `pg_dumpall` is not
/// read) as it passes, giving for each table what `count(*)` on the restored copy gives.
///
/// What it reads, line by line outside the data and with `memchr` inside it:
/// - the data: after pg_dump's `-- Data for Name: …; Type: TABLE DATA; …` header, `COPY schema.table (…) FROM
///   stdin;` starts a block of one line per row, ended by a line `\.`. COPY escapes newlines and backslashes in
///   values, so every line is one row (an empty line too: one empty text value) and no row starts with `\.`.
/// - the tables: `CREATE [UNLOGGED] TABLE schema.table` after a `Type: TABLE;` header registers the table
///   with 0 rows, so a table without a COPY block (a partitioned parent, a zero-column table) is still
///   counted.
/// - the hierarchy: `count(*)` on a parent includes its children's rows, and pg_dump writes those rows only
///   in the children's COPY blocks. `ALTER TABLE ONLY parent ATTACH PARTITION child` (in its own `TABLE
///   ATTACH` entry, or in older pg_dumps after the partition's `CREATE TABLE`), `CREATE TABLE child PARTITION
///   OF parent` (older pg_dumps) and an `INHERITS (parent, …)` line closing a `CREATE TABLE` make `parent` count
///   the rows of `child` and of its descendants (each once).
///
/// Statement heads count only as the first statement of the pg_dump entry announcing them (`-- Name: …; Type:
/// TABLE; …`), so a `COPY … FROM stdin;` or `CREATE TABLE` line inside a function body or a string is never
/// taken for one. Identifiers are unquoted (`"My Schema"."Odd ""Name"""` is `My Schema.Odd "Name"`); a quoted
/// one may span lines.
///
/// Not counted as `count(*)` would: tables an extension creates (their rows come from `CREATE EXTENSION`,
/// the dump holds only rows added later, if any) and foreign tables (no data in a dump).
package struct PostgresCopyRowCounter: DumpRowCounter {
    /// The kind of pg_dump archive entry being read, from its header comment (`-- Name: …; Type: …`).
    private enum Entry: Sendable {
        case other, table, tableData, attach
    }

    private var line = DumpLine()
    private var entry = Entry.other
    /// Whether the entry's first statement has been read.
    private var entryStarted = false
    /// The table whose `CREATE TABLE` statement is still open (its `INHERITS` line may follow).
    private var creating: String?
    private var inCopy = false
    private var copyTable = ""
    private var rows = 0
    private var atLineStart = true
    /// How many bytes of `\.` start the current COPY line (0, 1 or 2).
    private var terminator = 0
    private var own: [String: Int] = [:]
    private var parents: [String: [String]] = [:]

    /// Creates a counter that has seen nothing.
    package init() {}

    package mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count {
            index = inCopy ? scanCopy(bytes, from: index) : scanLine(bytes, from: index)
        }
    }

    package func counts() -> [String: Int] {
        var totals = own
        for (child, direct) in parents {
            let rows = own[child] ?? 0
            var seen: Set<String> = []
            var stack = direct
            while let parent = stack.popLast() {
                guard seen.insert(parent).inserted else { continue }
                totals[parent, default: 0] += rows
                stack.append(contentsOf: parents[parent] ?? [])
            }
        }
        return totals
    }

    /// Counts COPY lines from `start` until the block ends or the bytes do; returns where it stopped.
    private mutating func scanCopy(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let base = bytes.baseAddress!
        let end = bytes.count
        var index = start
        var rows = self.rows
        var atLineStart = self.atLineStart
        var terminator = self.terminator
        defer {
            self.rows = rows
            self.atLineStart = atLineStart
            self.terminator = terminator
        }
        while index < end {
            if atLineStart {
                let byte = bytes[index]
                if terminator == 0, byte == UInt8(ascii: "\\") {
                    terminator = 1
                    index += 1
                    continue
                }
                if terminator == 1, byte == UInt8(ascii: ".") {
                    terminator = 2
                    index += 1
                    continue
                }
                if terminator == 2, byte == UInt8(ascii: "\n") {
                    own[copyTable, default: 0] += rows
                    rows = 0
                    terminator = 0
                    inCopy = false
                    return index + 1
                }
                // Anything else starts a row; the bytes matched so far belong to it.
                rows += 1
                terminator = 0
                atLineStart = false
            }
            guard let newline = memchr(base + index, Int32(UInt8(ascii: "\n")), end - index) else { return end }
            index = base.distance(to: UnsafeRawPointer(newline)) + 1
            atLineStart = true
        }
        return end
    }

    /// Reads one line (or the part of it in `bytes`) outside COPY data; returns where it stopped.
    private mutating func scanLine(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let base = bytes.baseAddress!
        guard let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else {
            line.append(bytes, from: start, to: bytes.count)
            return bytes.count
        }
        let newline = base.distance(to: UnsafeRawPointer(found))
        line.append(bytes, from: start, to: newline)
        if isCandidate, line.hasOpenQuote(UInt8(ascii: "\"")) {
            line.append(byte: UInt8(ascii: "\n"))  // a quoted identifier with a newline in it
        } else {
            endLine()
            line.reset()
        }
        return newline + 1
    }

    /// Whether the line may be a statement head this counter reads.
    private var isCandidate: Bool {
        if creating != nil { return line.hasPrefix("INHERITS (") }
        switch entry {
        case .tableData: return !entryStarted && line.hasPrefix("COPY ")
        case .table: return entryStarted ? line.hasPrefix("ALTER TABLE ONLY ") : line.hasPrefix("CREATE TABLE ") || line.hasPrefix("CREATE UNLOGGED TABLE ")
        case .attach: return line.hasPrefix("ALTER TABLE ONLY ")
        case .other: return false
        }
    }

    /// Acts on a complete line outside COPY data.
    private mutating func endLine() {
        if line.hasPrefix("--") {
            if line.hasPrefix("-- Data for Name: ") || line.hasPrefix("-- Name: ") {
                entry =
                    line.contains("; Type: TABLE DATA; ")
                    ? .tableData
                    : line.contains("; Type: TABLE; ")
                        ? .table
                        : line.contains("; Type: TABLE ATTACH; ") ? .attach : .other
                entryStarted = false
                creating = nil
            }
            return
        }
        if line.count == 0 || line.hasPrefix("SET ") { return }
        let head = line.head
        if let table = creating {
            if line.hasPrefix("INHERITS (") {
                var index = 10
                while let (parent, next) = Self.qualifiedName(head, at: index) {
                    parents[table, default: []].append(parent)
                    guard next + 1 < head.count, head[next] == UInt8(ascii: ","), head[next + 1] == UInt8(ascii: " ") else { break }
                    index = next + 2
                }
            }
            if line.hasSuffix(";") { creating = nil }
            return
        }
        defer { entryStarted = true }
        switch entry {
        case .tableData where !entryStarted:
            if line.hasPrefix("COPY "), line.hasSuffix(" FROM stdin;"), let (table, _) = Self.qualifiedName(head, at: 5) {
                copyTable = table
                inCopy = true
                atLineStart = true
                terminator = 0
                rows = 0
            }
        case .table where !entryStarted:
            let keyword = line.hasPrefix("CREATE TABLE ") ? 13 : line.hasPrefix("CREATE UNLOGGED TABLE ") ? 22 : nil
            if let keyword, let (table, next) = Self.qualifiedName(head, at: keyword) {
                own[table, default: 0] += 0
                if Self.bytes(head, at: next, equal: " PARTITION OF "), let (parent, _) = Self.qualifiedName(head, at: next + 14) {
                    parents[table, default: []].append(parent)  // older pg_dump: the partition's own statement
                }
                if !line.hasSuffix(";") { creating = table }
            }
        case .table, .attach:
            // Newer pg_dump: an entry of its own; older: in the partition's TABLE entry, after its CREATE TABLE.
            if line.hasPrefix("ALTER TABLE ONLY "), let (parent, next) = Self.qualifiedName(head, at: 17),
                Self.bytes(head, at: next, equal: " ATTACH PARTITION "), let (child, _) = Self.qualifiedName(head, at: next + 18)
            {
                parents[child, default: []].append(parent)
            }
        case .tableData, .other:
            break
        }
    }

    /// Whether `head` holds `text` at `index`.
    private static func bytes(_ head: [UInt8], at index: Int, equal text: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return index + pattern.count <= head.count && head[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    /// The `schema.table` name at `index` (quoted identifiers unquoted) and the index after it.
    static func qualifiedName(_ head: [UInt8], at index: Int) -> (String, Int)? {
        guard let (schema, dot) = identifier(head, at: index), dot < head.count, head[dot] == UInt8(ascii: "."),
            let (table, end) = identifier(head, at: dot + 1)
        else { return nil }
        return (String(decoding: schema + [UInt8(ascii: ".")] + table, as: UTF8.self), end)
    }

    /// One identifier at `index`: `"…"` with `""` for a quote, or a bare name (pg_dump quotes every name that
    /// is not plain lower-case ASCII); nil when none is there or its closing quote is missing.
    private static func identifier(_ head: [UInt8], at start: Int) -> ([UInt8], Int)? {
        guard start < head.count else { return nil }
        var name: [UInt8] = []
        var index = start
        if head[index] == UInt8(ascii: "\"") {
            index += 1
            while index < head.count {
                if head[index] == UInt8(ascii: "\"") {
                    guard index + 1 < head.count, head[index + 1] == UInt8(ascii: "\"") else { return (name, index + 1) }
                    index += 1
                }
                name.append(head[index])
                index += 1
            }
            return nil
        }
        while index < head.count, !" .,()\t;\n".utf8.contains(head[index]) {
            name.append(head[index])
            index += 1
        }
        return name.isEmpty ? nil : (name, index)
    }
}
