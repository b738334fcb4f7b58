/// The engines Baktainer knows, by `baktainer.db.engine` value (aliases included).
package struct EngineRegistry: Sendable {
    private let engines: [String: any DatabaseEngine]

    /// The built-in engines.
    package init() {
        let all: [any DatabaseEngine] = [
            PostgresEngine(), MySQLEngine(identifier: "mysql"), MySQLEngine(identifier: "mariadb"), SQLiteEngine(), RedisEngine(),
            MongoEngine(), CustomEngine(),
        ]
        var byName = Dictionary(uniqueKeysWithValues: all.map { ($0.identifier, $0) })
        byName["postgresql"] = byName["postgres"]
        byName["mongo"] = byName["mongodb"]
        engines = byName
    }

    /// The engine for a label value (case-insensitive), or nil.
    package func engine(named name: String) -> (any DatabaseEngine)? {
        engines[name.lowercased()]
    }

    /// Every accepted label value, sorted, for error messages.
    package var names: [String] { engines.keys.sorted() }
}
