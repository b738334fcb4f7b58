/// Redis. An RDB snapshot fetched by the replication protocol: `redis-cli --no-auth-warning --rdb -`,
/// which writes the RDB file to stdout. The password travels as `REDISCLI_AUTH` in the exec's environment
/// (`baktainer.db.password`, else the container's `REDIS_PASSWORD`). Complete when non-empty.
///
/// Restore replaces the RDB file and restarts the container, so it runs only with `--force`; without it the
/// error explains the manual procedure (``manualProcedure``). With `--force`, ``restoreScript`` asks Redis for
/// `dir` and `dbfilename` (`redis-cli CONFIG GET`, password in `REDISCLI_AUTH`), refuses when `appendonly` is on
/// (Redis would load its AOF instead), streams stdin into a new file in `dir`, checks the `REDIS` magic,
/// turns off automatic saves (`CONFIG SET save ""`, so the running server cannot overwrite the file) and renames
/// the file over the RDB; Baktainer then restarts the container, which loads it.
package struct RedisEngine: DatabaseEngine {
    package let identifier = "redis"
    package let fileExtension = "rdb"

    /// Creates the engine.
    package init() {}

    /// redis-cli's words for a refused or missing password.
    package var authenticationFailureMarkers: [String] { ["NOAUTH", "WRONGPASS", "invalid password", "invalid username-password"] }

    /// `REDIS_PASSWORD` (bitnami-style images).
    package var imageEnvironment: ImageEnvironment { ImageEnvironment(password: ["REDIS_PASSWORD"]) }

    /// One keyspace, no databases to name.
    package var hasDatabases: Bool { false }

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ContainerCommand {
        var environment: [String: String] = [:]
        if let password = target.password { environment["REDISCLI_AUTH"] = password.revealed }
        var arguments = ["redis-cli", "--no-auth-warning"]
        if let user = target.user { arguments += ["--user", user] }
        return ContainerCommand(arguments + ["--rdb", "-"], environment: environment)
    }

    static let checkScript = #"""
        if [ -n "$1" ]; then exec redis-cli --no-auth-warning --user "$1" PING 2>&1; fi
        exec redis-cli --no-auth-warning PING 2>&1
        """#

    /// `redis-cli --no-auth-warning [--user USER] PING`, `REDISCLI_AUTH` in the environment; answered `PONG`.
    package func connectionCheck(for target: BackupTarget) -> ConnectionCheck? {
        var environment: [String: String] = [:]
        if let password = target.password { environment["REDISCLI_AUTH"] = password.revealed }
        return ConnectionCheck(
            ContainerCommand(["sh", "-c", Self.checkScript, "baktainer-redis-check", target.user ?? ""], environment: environment),
            markers: [
                .init(.credentials, "NOAUTH"), .init(.credentials, "WRONGPASS"), .init(.credentials, "AUTH failed"),
                .init(.credentials, "invalid password"),
            ],
            expectedOutput: "PONG")
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        size > 0
    }

    /// An RDB file starts with "REDIS" and its version.
    package func acceptsHead(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("REDIS".utf8))
    }

    /// What to do by hand instead of `--force`.
    package static let manualProcedure =
        "stop writes to the server; copy the .rdb file (decrypted and decompressed) over the file named by 'CONFIG GET dir' and 'CONFIG GET dbfilename' while the server is stopped (e.g. docker cp into the stopped container, or into its volume); make sure appendonly is off or remove the AOF; start the container. Or rerun with --force to let Baktainer replace the file and restart the container."

    static let restoreScript = #"""
        umask 077
        user="$1"
        cli() { if [ -n "$user" ]; then redis-cli --no-auth-warning --user "$user" "$@"; else redis-cli --no-auth-warning "$@"; fi; }
        dir=$(cli CONFIG GET dir | sed -n 2p) && file=$(cli CONFIG GET dbfilename | sed -n 2p) || exit 69
        [ -n "$dir" ] && [ -n "$file" ] || { echo "cannot read dir and dbfilename from redis (CONFIG GET): check the password (REDIS_PASSWORD or baktainer.db.password)" >&2; exit 69; }
        [ "$(cli CONFIG GET appendonly | sed -n 2p)" = yes ] && { echo "appendonly is on: redis would load its AOF, not the restored RDB; restore by hand" >&2; exit 78; }
        new=$(mktemp "$dir/.baktainer-restore-XXXXXX") || exit 73
        trap 'rm -f "$new"' EXIT
        trap 'rm -f "$new"; exit 143' TERM INT
        cat > "$new" || { echo "cannot write $new" >&2; exit 74; }
        [ "$(head -c 5 "$new")" = REDIS ] || { echo "the restored data is not an RDB file" >&2; exit 65; }
        if [ -e "$dir/$file" ]; then chown "$(stat -c %u:%g "$dir/$file")" "$new" 2>/dev/null; else chown "$(stat -c %u:%g "$dir")" "$new" 2>/dev/null; fi
        cli CONFIG SET save "" >/dev/null || exit 69
        mv -f "$new" "$dir/$file" || exit 74
        """#

    package func restoreCommand(for target: BackupTarget, force: Bool) throws(EngineError) -> ContainerCommand {
        guard force else {
            throw EngineError(
                "container '\(target.containerName)': restoring redis replaces its RDB file and restarts the container, so it needs --force. By hand: \(Self.manualProcedure)"
            )
        }
        var environment: [String: String] = [:]
        if let password = target.password { environment["REDISCLI_AUTH"] = password.revealed }
        return ContainerCommand(["sh", "-c", Self.restoreScript, "baktainer-redis-restore", target.user ?? ""], environment: environment, attachStdin: true)
    }

    package var restoreRestartsContainer: Bool { true }
}
