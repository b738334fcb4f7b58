#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the rows of every table in a `mysqldump`/`mariadb-dump` stream (`--databases DB` or
/// `--all-databases`) as it passes, giving for each table what `count(*)` on the restored copy gives.
///
/// What it reads:
/// - the database: `USE \`db\`;` names the schema of the tables that follow (before any, `database`).
/// - the tables: `CREATE TABLE \`t\`` after a `-- Table structure for table` header registers `db.t` with 0
///   rows, so a table without rows is counted. A table `WITH SYSTEM VERSIONING` (MariaDB) is left out, as
///   ``TableInventory`` leaves it out (it lists base tables only); views and sequences have other headers.
/// - the data: between a `-- Dumping data for table` header and the next header comment, `UNLOCK TABLES` or
///   `DELIMITER`, an `INSERT [IGNORE] INTO` or `REPLACE INTO` statement (extended or not, with or without a
///   column list, on one line or one tuple a line) adds its top-level `( … )` tuples. Strings (`'…'`, `"…"`)
///   are skipped with their backslash escapes and doubled quotes; binary bytes inside them are raw. Statements
///   outside a data section (a trigger's or a procedure's `INSERT`) are never counted.
///
/// With `database` nil (an `--all-databases` dump) the system schemas (`mysql`, `information_schema`,
/// `performance_schema`, `sys`) are left out, as ``TableInventory`` leaves them out.
package struct MySQLInsertRowCounter: DumpRowCounter {
    /// Where an INSERT statement's reader is.
    private enum Phase: Sendable {
        /// The table's name (or the schema's, before a `.`).
        case name
        /// After the name: a column list, then `VALUES`.
        case head
        /// Between tuples.
        case values
        /// Inside a tuple, `depth` parentheses deep.
        case tuple
    }

    private let database: String?
    private var line = DumpLine()
    /// An empty buffer the line's head is swapped into when an INSERT starts on it.
    private var spare: [UInt8] = []
    private var schema: String?
    private var inData = false
    private var structureNext = false
    /// The last header comment ended inside a quoted name: the next comment line continues it.
    private var headerContinues = false
    /// The table whose `CREATE TABLE` statement is still open (its options may say `WITH SYSTEM VERSIONING`).
    private var creating: String?
    private var rows: [String: Int] = [:]
    private var versioned: Set<String> = []

    private var inInsert = false
    private var phase = Phase.name
    private var depth = 0
    /// The quote being read (`'`, `"` or a backtick), 0 outside quotes.
    private var quote: UInt8 = 0
    /// A backslash was the last byte read inside a string: the next byte is escaped.
    private var escaped = false
    /// A closing quote was the last byte read: the same quote next is a doubled (escaped) one.
    private var closing = false
    private var tuples = 0
    private var name: [UInt8] = []
    private var qualifier: [UInt8]?
    private var nameFinished = false
    private var lastName: [UInt8] = []
    private var lastQualifier: [UInt8]?
    private var lastSchema: String?
    private var lastKey: String?

    /// Creates a counter for a dump of `database` (nil: of all databases).
    package init(database: String?) {
        self.database = database
        name.reserveCapacity(256)
        spare.reserveCapacity(4096)
    }

    package mutating func consume(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        while index < bytes.count {
            index = inInsert ? scanInsert(bytes, from: index) : scanLine(bytes, from: index)
        }
    }

    package func counts() -> [String: Int] {
        rows.filter { !versioned.contains($0.key) }
    }

    /// The key of `table` in `schema`; nil for a system schema of an `--all-databases` dump.
    private func key(schema: String, table: [UInt8]) -> String? {
        if database == nil, ["mysql", "information_schema", "performance_schema", "sys"].contains(schema) { return nil }
        return schema + "." + String(decoding: table, as: UTF8.self)
    }

    /// Reads one line (or the part of it in `bytes`) outside INSERT statements; returns where it stopped.
    private mutating func scanLine(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let base = bytes.baseAddress!
        let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
        let stop = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
        let before = line.head.count
        line.append(bytes, from: start, to: stop)
        if inData, let prefix = insertPrefix {
            // The line starts an INSERT: read what was taken into the line, then go on at `stop` (bytes past the
            // line's limit were not taken).
            let taken = line.head.count - before
            var head: [UInt8] = []
            swap(&head, &spare)
            line.takeHead(into: &head)
            beginInsert()
            head.withUnsafeBytes { head in
                var index = prefix
                while index < head.count, inInsert { index = scanInsert(head, from: index) }
                if index < head.count { line.append(head, from: index, to: head.count) }
            }
            swap(&head, &spare)
            return start + taken
        }
        guard found != nil else { return bytes.count }
        if isCandidate, line.hasOpenQuote(UInt8(ascii: "`")) {
            line.append(byte: UInt8(ascii: "\n"))  // a quoted name with a newline in it
        } else {
            endLine()
            line.reset()
        }
        return stop + 1
    }

    /// The length of the line's INSERT keywords (`INSERT INTO `, …) when it starts with them.
    private var insertPrefix: Int? {
        if line.hasPrefix("INSERT INTO ") { return 12 }
        if line.hasPrefix("INSERT IGNORE INTO ") { return 19 }
        if line.hasPrefix("REPLACE INTO ") { return 13 }
        return nil
    }

    /// Whether the line may be a statement head whose quoted name can span lines.
    private var isCandidate: Bool {
        line.hasPrefix("USE `") || (structureNext && line.hasPrefix("CREATE TABLE "))
    }

    /// Acts on a complete line outside INSERT statements.
    private mutating func endLine() {
        if line.hasPrefix("-- ") {
            if headerContinues {  // the rest of a name with a newline, which the dump's comment continues
                headerContinues = !line.hasOpenQuote(UInt8(ascii: "`"))
                return
            }
            inData = line.hasPrefix("-- Dumping data for table ")
            structureNext = line.hasPrefix("-- Table structure for table ")
            headerContinues = line.hasOpenQuote(UInt8(ascii: "`"))
            creating = nil
            return
        }
        if line.hasPrefix("DELIMITER") || line.hasPrefix("UNLOCK TABLES") {
            inData = false
            return
        }
        let head = line.head
        if line.hasPrefix("USE `"), let (name, _) = Self.identifier(head, at: 4) {
            schema = String(decoding: name, as: UTF8.self)
            return
        }
        if let table = creating {
            if line.contains("WITH SYSTEM VERSIONING") || line.hasSuffix("WITH SYSTEM VERSIONING;") { versioned.insert(table) }
            if line.hasSuffix(";") { creating = nil }
            return
        }
        if structureNext, line.hasPrefix("CREATE TABLE ") {
            structureNext = false
            var index = 13
            if Self.bytes(head, at: index, equal: "/*!32312 IF NOT EXISTS*/ ") { index += 25 }
            guard let (name, _) = Self.identifier(head, at: index), let table = key(schema: schema ?? database ?? "", table: name) else { return }
            rows[table, default: 0] += 0
            if line.hasSuffix(";") {
                if line.hasSuffix("WITH SYSTEM VERSIONING;") { versioned.insert(table) }
            } else {
                creating = table
            }
        }
    }

    private mutating func beginInsert() {
        inInsert = true
        phase = .name
        depth = 0
        quote = 0
        escaped = false
        closing = false
        tuples = 0
        name.removeAll(keepingCapacity: true)
        qualifier = nil
        nameFinished = false
    }

    /// Ends an INSERT statement at its `;`, adding its tuples to its table.
    private mutating func endInsert() {
        inInsert = false
        let schema = qualifier.map { String(decoding: $0, as: UTF8.self) } ?? self.schema ?? database ?? ""
        if name != lastName || qualifier != lastQualifier || schema != lastSchema {
            lastName = name
            lastQualifier = qualifier
            lastSchema = schema
            lastKey = key(schema: schema, table: name)
        }
        if let lastKey { rows[lastKey, default: 0] += tuples }
    }

    /// Reads an INSERT statement from `start` until it ends (`;` between tuples) or the bytes do; returns where
    /// it stopped.
    private mutating func scanInsert(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let end = bytes.count
        var index = start
        var depth = self.depth
        var tuples = self.tuples
        defer {
            self.depth = depth
            self.tuples = tuples
        }
        while index < end {
            if quote != 0 {
                index = scanQuoted(bytes, from: index)
                continue
            }
            let byte = bytes[index]
            switch phase {
            case .tuple:
                // The hot loop: values between strings are numbers, NULLs, commas and the like.
                while index < end {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") { break }
                    index += 1
                }
                guard index < end else { return end }
                let special = bytes[index]
                index += 1
                if special == UInt8(ascii: "(") {
                    depth += 1
                } else if special == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { phase = .values }
                } else {
                    quote = special
                }
            case .values:
                index += 1
                if byte == UInt8(ascii: "(") {
                    tuples += 1
                    depth = 1
                    phase = .tuple
                } else if byte == UInt8(ascii: ";") {
                    self.tuples = tuples
                    endInsert()
                    return index
                }
            case .head:
                index += 1
                if byte == UInt8(ascii: "`") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                    quote = byte
                } else if byte == UInt8(ascii: "(") {
                    depth += 1
                } else if byte == UInt8(ascii: ")") {
                    depth -= 1
                } else if depth == 0, byte == UInt8(ascii: "."), nameFinished {
                    qualifier = name
                    name.removeAll(keepingCapacity: true)
                    nameFinished = false
                    phase = .name
                } else if depth == 0, byte == UInt8(ascii: "V") || byte == UInt8(ascii: "v") {
                    phase = .values
                    nameFinished = false
                } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\n") {
                    nameFinished = false
                }
            case .name:
                index += 1
                if byte == UInt8(ascii: "`") {
                    quote = byte
                } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "\n") {
                    if name.isEmpty { continue }  // spaces before the name
                    phase = .head
                    nameFinished = true
                    index -= 1  // the head reads it
                } else if name.count < 1024 {
                    name.append(byte)
                }
            }
        }
        return end
    }

    /// Reads inside a quoted string or name from `start`; returns where it stopped (after the closing quote,
    /// or at the end of `bytes`).
    private mutating func scanQuoted(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let end = bytes.count
        var index = start
        if escaped {
            escaped = false
            return index + 1
        }
        if closing {
            closing = false
            if bytes[index] == quote {  // a doubled quote: still inside
                if phase == .name, name.count < 1024 { name.append(quote) }
                return index + 1
            }
            if phase == .name {  // the name's closing backtick
                phase = .head
                nameFinished = true
            }
            quote = 0
            return index
        }
        if quote == UInt8(ascii: "`") {
            // A name: no backslash escapes, short; the table's name is kept.
            while index < end {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "`") {
                    closing = true
                    return index
                }
                if phase == .name, name.count < 1024 { name.append(byte) }
            }
            return end
        }
        // A string value: find the next quote not escaped by an odd run of backslashes.
        let base = bytes.baseAddress!
        while index < end {
            guard let found = memchr(base + index, Int32(quote), end - index) else {
                var backslashes = 0
                while end - backslashes - 1 >= index, bytes[end - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
                escaped = backslashes % 2 == 1
                return end
            }
            let position = base.distance(to: UnsafeRawPointer(found))
            var backslashes = 0
            while position - backslashes - 1 >= index, bytes[position - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            index = position + 1
            if backslashes % 2 == 0 {
                closing = true
                return index
            }
        }
        return end
    }

    /// Whether `head` holds `text` at `index`.
    private static func bytes(_ head: [UInt8], at index: Int, equal text: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return index + pattern.count <= head.count && head[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    /// The backtick-quoted name at `index` (doubled backticks unquoted) and the index after it.
    private static func identifier(_ head: [UInt8], at start: Int) -> ([UInt8], Int)? {
        guard start < head.count, head[start] == UInt8(ascii: "`") else { return nil }
        var name: [UInt8] = []
        var index = start + 1
        while index < head.count {
            if head[index] == UInt8(ascii: "`") {
                guard index + 1 < head.count, head[index + 1] == UInt8(ascii: "`") else { return (name, index + 1) }
                index += 1
            }
            name.append(head[index])
            index += 1
        }
        return nil
    }
}
