#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A dump command of the user's own, from the `baktainer.command` label: an argv, run as is (never through a
/// shell), whose program must be one of the dump tools in ``allowedPrograms``. Write it as a JSON array
/// (`["pg_dump","--format=custom","shop"]`) or as words separated by spaces (no quoting: a word cannot hold a
/// space). The dump goes to stdout and is kept when the tool exits 0 and wrote something.
///
/// A password (`baktainer.db.password`, `baktainer.db.password_file`) reaches the tool only through the
/// variable it reads by itself: `PGPASSWORD` (pg_dump, pg_dumpall), `MYSQL_PWD` (mysqldump, mariadb-dump),
/// `REDISCLI_AUTH` (redis-cli). Other programs get no password; use their own engine for that.
package struct CustomEngine: DatabaseEngine {
    package let identifier = "custom"
    package let fileExtension = "dump"

    /// The programs a custom command may run, by file name (a path ending in one of them is accepted), with
    /// the environment variable through which each reads a password.
    package static let allowedPrograms: [String: String?] = [
        "pg_dump": "PGPASSWORD", "pg_dumpall": "PGPASSWORD", "mysqldump": "MYSQL_PWD", "mariadb-dump": "MYSQL_PWD",
        "redis-cli": "REDISCLI_AUTH", "mongodump": nil, "sqlite3": nil,
    ]

    /// Creates the engine.
    package init() {}

    /// Splits a `baktainer.command` value into an argv and checks its program against ``allowedPrograms``.
    package static func arguments(fromLabel value: String) throws(EngineError) -> [String] {
        let trimmed = value.drop { $0.isWhitespace }
        var arguments: [String]
        if trimmed.hasPrefix("[") {
            guard let parsed = try? JSONDecoder().decode([String].self, from: Data(trimmed.utf8)) else {
                throw EngineError("\(BackupLabel.command) starts with '[' but is not a JSON array of strings")
            }
            arguments = parsed
        } else {
            arguments = value.split(whereSeparator: \.isWhitespace).map(String.init)
        }
        guard let program = arguments.first, !program.isEmpty else {
            throw EngineError("\(BackupLabel.command) is empty; set it to a dump command such as [\"pg_dump\",\"shop\"]")
        }
        guard allowedPrograms.keys.contains(programName(program)) else {
            throw EngineError(
                "\(BackupLabel.command) runs '\(program)', which is not an allowed dump tool; use one of \(allowedPrograms.keys.sorted().joined(separator: ", "))"
            )
        }
        return arguments
    }

    package func dumpCommand(for target: BackupTarget) throws(EngineError) -> ContainerCommand {
        guard let arguments = target.customCommand, let program = arguments.first else {
            throw EngineError("container '\(target.containerName)': \(BackupLabel.command) is not set; engine custom needs it")
        }
        var environment: [String: String] = [:]
        if let password = target.password {
            guard let variable = Self.allowedPrograms[Self.programName(program)] ?? nil else {
                throw EngineError(
                    "container '\(target.containerName)': \(Self.programName(program)) cannot take a password from Baktainer; use engine \(Self.programName(program) == "mongodump" ? "mongodb" : "sqlite") instead"
                )
            }
            environment[variable] = password.revealed
        }
        return ContainerCommand(arguments, environment: environment)
    }

    package func isComplete(dumpTail: [UInt8], size: Int) -> Bool {
        size > 0
    }

    private static func programName(_ program: String) -> String {
        program.split(separator: "/").last.map(String.init) ?? program
    }
}
