/// Counts the rows of every table in a logical dump while the dump streams past, so that the counts recorded
/// beside a backup are exactly those of the rows the dump holds — taken inside the dump's own snapshot, not
/// by a query after it, which a client writing during the backup would make disagree with the restored copy.
///
/// A counter is pure and streaming: it reads the dump buffer by buffer (any split of the stream gives the
/// same counts), keeps no dump data beyond a bounded statement head, and allocates only per table, never per
/// row or byte. Keys are `schema.table`, unquoted, as ``TableInventory`` prints them for the restored copy.
package protocol DumpRowCounter: Sendable {
    /// Reads the next bytes of the dump.
    mutating func consume(_ bytes: UnsafeRawBufferPointer)
    /// The rows per table (`schema.table`) of everything consumed so far; a table the dump creates without
    /// rows counts 0.
    func counts() -> [String: Int]
}
