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

    /// The database is a file path, given by `baktainer.db.name`.
    package var imageEnvironment: ImageEnvironment { ImageEnvironment(databaseLabelRequired: true) }

    /// One file, no databases.
    package var hasDatabases: Bool { false }

    static let script = #"""
        umask 077
        d=$(mktemp -d) || exit 70
        trap 'rm -rf "$d"' EXIT
        trap 'rm -rf "$d"; exit 143' TERM INT
        [ -f "$1" ] || { echo "no database file at $1" >&2; exit 66; }
        sqlite3 -bail -readonly "$1" ".backup '$d/copy.db'" && cat "$d/copy.db"
        """#

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ContainerCommand {
        guard let path = target.database, path.hasPrefix("/") else {
            throw EngineError("container '\(target.containerName)': baktainer.db.name must be the database file's absolute path inside the container")
        }
        guard !path.contains("'") else {
            throw EngineError("container '\(target.containerName)': baktainer.db.name must not contain a quote (')")
        }
        return ContainerCommand(["sh", "-c", Self.script, "baktainer-sqlite-dump", path])
    }

    static let checkScript = #"""
        [ -f "$1" ] || { echo "no database file at $1"; exit 66; }
        [ -r "$1" ] || { echo "the database file $1 is not readable"; exit 77; }
        command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 is not installed in this container (the dump needs it)"; exit 127; }
        sqlite3 -readonly "$1" 'PRAGMA schema_version' 2>&1 >/dev/null
        """#

    /// The file `baktainer.db.name` exists, is readable and opens as a database with `sqlite3`, which the
    /// dump needs in the container.
    package func connectionCheck(for target: BackupTarget) -> ConnectionCheck? {
        guard let path = target.database else { return nil }
        return ConnectionCheck(
            ContainerCommand(["sh", "-c", Self.checkScript, "baktainer-sqlite-check", path]),
            markers: [.init(.missingDatabase, "no database file at")])
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        size >= 512  // a database file is at least one page
    }

    /// A database file starts with "SQLite format 3" and a NUL.
    package func acceptsHead(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("SQLite format 3\0".utf8))
    }

    static let restoreScript = #"""
        umask 077
        db="$1"
        dir=$(dirname "$db")
        [ -d "$dir" ] || { echo "no directory $dir for the database $db" >&2; exit 66; }
        openers() {
          for fd in /proc/[0-9]*/fd/*; do
            t=$(readlink "$fd" 2>/dev/null) || continue
            case "$t" in "$db"|"$db-wal"|"$db-journal"|"$db-shm") p=${fd#/proc/}; echo "${p%%/*}" ;; esac
          done | sort -u | tr '\n' ' '
        }
        refuse_if_open() {
          [ "$2" = force ] && return 0
          pids=$(openers)
          [ -z "$pids" ] || { echo "the database $db is open by process(es) $pids$1: stop them first, or restore with --force" >&2; exit 75; }
        }
        refuse_if_open "" "$2"
        new=$(mktemp "$dir/.baktainer-restore-XXXXXX") || exit 73
        trap 'rm -f "$new"' EXIT
        trap 'rm -f "$new"; exit 143' TERM INT
        cat > "$new" || { echo "cannot write $new" >&2; exit 74; }
        check=$(sqlite3 "$new" 'PRAGMA integrity_check' 2>&1)
        [ "$check" = ok ] || { echo "the restored copy fails PRAGMA integrity_check, the database is untouched: $check" >&2; exit 65; }
        refuse_if_open " (opened during the restore)" "$2"
        if [ -e "$db" ]; then
          chmod "$(stat -c %a "$db")" "$new" 2>/dev/null
          chown "$(stat -c %u:%g "$db")" "$new" 2>/dev/null
        fi
        rm -f "$db-wal" "$db-shm" "$db-journal"
        mv -f "$new" "$db" || exit 74
        """#

    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ContainerCommand {
        guard let path = target.database, path.hasPrefix("/") else {
            throw EngineError("container '\(target.containerName)': the sqlite database must be an absolute path inside the container: pass --database PATH")
        }
        return ContainerCommand(["sh", "-c", Self.restoreScript, "baktainer-sqlite-restore", path, force ? "force" : ""], attachStdin: true)
    }

    static let probeScript = #"""
        [ -f "$1" ] || { echo missing; exit 0; }
        sqlite3 -readonly "$1" "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        """#

    package func contentProbeCommand(for target: BackupTarget) -> ContainerCommand? {
        guard let path = target.database else { return nil }
        return ContainerCommand(["sh", "-c", Self.probeScript, "baktainer-sqlite-probe", path])
    }
}
