/// The environment variables an engine's official image is configured with: where ``TargetResolver`` finds
/// the database, user and password when the labels leave them out. Each password variable is also read in its
/// `_FILE` form (a file inside the container), right after the plain one; earlier names win.
struct ImageEnvironment: Sendable {
    /// Variables naming the database the image creates.
    var database: [String] = []
    /// Whether the database defaults to the user's name when none is set (postgres does).
    var databaseDefaultsToUser = false
    /// Variables naming the image's user.
    var user: [String] = []
    /// The user when no variable names one.
    var defaultUser: String?
    /// The password variables of ``user``; used only when the resolved user is that user.
    var password: [String] = []
    /// The superuser preferred whenever its password is set (mysql, mariadb: `root`).
    var rootUser: String?
    /// The password variables of ``rootUser``.
    var rootPassword: [String] = []
    /// Whether the database can only come from `baktainer.db.name` (sqlite: a file path).
    var databaseLabelRequired = false
    /// Whether a missing database is an error unless `baktainer.db.all=true`.
    var databaseRequired = false

    /// The table for an engine identifier (as ``DatabaseEngine/identifier``).
    static func forEngine(_ identifier: String) -> ImageEnvironment {
        switch identifier {
        case "postgres":
            ImageEnvironment(
                database: ["POSTGRES_DB"], databaseDefaultsToUser: true, user: ["POSTGRES_USER"], defaultUser: "postgres",
                password: ["POSTGRES_PASSWORD"], databaseRequired: true)
        case "mysql", "mariadb":
            ImageEnvironment(
                database: ["MARIADB_DATABASE", "MYSQL_DATABASE"], user: ["MARIADB_USER", "MYSQL_USER"], defaultUser: "root",
                password: ["MARIADB_PASSWORD", "MYSQL_PASSWORD"], rootUser: "root",
                rootPassword: ["MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD"], databaseRequired: true)
        case "mongodb":
            ImageEnvironment(
                database: ["MONGO_INITDB_DATABASE"], user: ["MONGO_INITDB_ROOT_USERNAME"], password: ["MONGO_INITDB_ROOT_PASSWORD"])
        case "redis":
            ImageEnvironment(password: ["REDIS_PASSWORD"])
        case "sqlite":
            ImageEnvironment(databaseLabelRequired: true)
        default:
            ImageEnvironment()
        }
    }
}
