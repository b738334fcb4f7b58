import NIOCore

/// Text fed to a restore tool around the dump that makes the restore all-or-nothing: ``begin`` opens one
/// transaction before the first byte of the dump, ``commit`` ends it after the last. A restore whose input ends
/// (or whose tool is stopped) before ``commit`` was fed leaves nothing behind: the server rolls the open
/// transaction back when the tool disconnects.
///
/// Because nothing is committed before ``commit``, the restore can check the backup as it streams and feed
/// ``commit`` only once the whole file passed (``RestoreRunner``).
package struct RestoreTransaction: Sendable, Equatable {
    /// Fed before the dump, e.g. `BEGIN;`.
    package var begin: String
    /// Fed after the dump once it passed its checks, e.g. `COMMIT;`.
    package var commit: String

    /// Creates the pair. ``begin`` is fed right before the dump's first line, on the same line, so that the
    /// line numbers a tool reports in its errors stay the dump's own; ``commit`` on a line of its own.
    package init(begin: String, commit: String) {
        self.begin = begin
        self.commit = commit
    }

    /// ``begin``, sharing the dump's first line (a dump's first line is a comment or a statement).
    var opening: ByteBuffer { ByteBuffer(string: begin) }
    /// ``commit`` on a line of its own, whatever the dump's last line was.
    var closing: ByteBuffer { ByteBuffer(string: "\n" + commit + "\n") }
}
