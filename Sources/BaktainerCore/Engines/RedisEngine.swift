import DockerEngineAPI

/// Redis. An RDB snapshot fetched by the replication protocol: `redis-cli --no-auth-warning --rdb -`,
/// which writes the RDB file to stdout. The password travels as `REDISCLI_AUTH` in the exec's environment
/// (`baktainer.db.password`, else the container's `REDIS_PASSWORD`). Complete when non-empty.
package struct RedisEngine: DatabaseEngine {
    package let identifier = "redis"
    package let fileExtension = "rdb"

    /// Creates the engine.
    package init() {}

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ExecCommand {
        var environment: [String: String] = [:]
        if let password = target.password { environment["REDISCLI_AUTH"] = password.revealed }
        var arguments = ["redis-cli", "--no-auth-warning"]
        if let user = target.user { arguments += ["--user", user] }
        return ExecCommand(arguments + ["--rdb", "-"], environment: environment)
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        size > 0
    }

    /// An RDB file starts with "REDIS" and its version.
    package func acceptsHead(_ head: [UInt8]) -> Bool {
        head.starts(with: Array("REDIS".utf8))
    }
}
