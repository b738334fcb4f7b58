import DockerEngineAPI

/// SQLite. A consistent copy of a live database through SQLite's online backup API, then streamed:
///
/// ```
/// d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
/// sqlite3 -bail -readonly "$1" ".backup '$d/copy.db'" && cat "$d/copy.db"
/// ```
///
/// The path (`baktainer.db.name`) is a positional parameter, never part of the script; a path holding a
/// quote is refused, because `.backup` takes it inside quotes. Complete when the copy starts with the
/// SQLite file header "SQLite format 3".
package struct SQLiteEngine: DatabaseEngine {
    package let identifier = "sqlite"
    package let fileExtension = "sqlite"

    /// Creates the engine.
    package init() {}

    static let script = #"""
        umask 077
        d=$(mktemp -d) || exit 70
        trap 'rm -rf "$d"' EXIT
        trap 'rm -rf "$d"; exit 143' TERM INT
        [ -f "$1" ] || { echo "no database file at $1" >&2; exit 66; }
        sqlite3 -bail -readonly "$1" ".backup '$d/copy.db'" && cat "$d/copy.db"
        """#

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ExecCommand {
        guard let path = target.database, path.hasPrefix("/") else {
            throw EngineError("container '\(target.containerName)': baktainer.db.name must be the database file's absolute path inside the container")
        }
        guard !path.contains("'") else {
            throw EngineError("container '\(target.containerName)': baktainer.db.name must not contain a quote (')")
        }
        return ExecCommand(["sh", "-c", Self.script, "baktainer-sqlite-dump", path])
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        size >= 512  // a database file is at least one page
    }

    /// A database file starts with "SQLite format 3" and a NUL.
    package func acceptsHead(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("SQLite format 3\0".utf8))
    }
}
