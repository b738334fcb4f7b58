/// The environment variables an engine's official image is configured with: where ``TargetResolver`` finds
/// the database, user and password when the labels leave them out. Each password variable is also read in its
/// `_FILE` form (a file inside the container), right after the plain one; earlier names win.
package struct ImageEnvironment: Sendable {
    /// An image with no such variables.
    package static let none = ImageEnvironment()

    /// Variables naming the database the image creates.
    package var database: [String]
    /// Whether the database defaults to the user's name when none is set (postgres does).
    package var databaseDefaultsToUser: Bool
    /// Variables naming the image's user.
    package var user: [String]
    /// The user when no variable names one.
    package var defaultUser: String?
    /// The password variables of ``user``; used only when the resolved user is that user.
    package var password: [String]
    /// The superuser preferred whenever its password is set (mysql, mariadb: `root`).
    package var rootUser: String?
    /// The password variables of ``rootUser``.
    package var rootPassword: [String]
    /// Whether the database can only come from `baktainer.db.name` (sqlite: a file path).
    package var databaseLabelRequired: Bool
    /// Whether a missing database is an error unless `baktainer.db.all=true`.
    package var databaseRequired: Bool

    /// Creates a table; every field defaults to "none".
    package init(
        database: [String] = [], databaseDefaultsToUser: Bool = false, user: [String] = [], defaultUser: String? = nil, password: [String] = [],
        rootUser: String? = nil, rootPassword: [String] = [], databaseLabelRequired: Bool = false, databaseRequired: Bool = false
    ) {
        self.database = database
        self.databaseDefaultsToUser = databaseDefaultsToUser
        self.user = user
        self.defaultUser = defaultUser
        self.password = password
        self.rootUser = rootUser
        self.rootPassword = rootPassword
        self.databaseLabelRequired = databaseLabelRequired
        self.databaseRequired = databaseRequired
    }
}
