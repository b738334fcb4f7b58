/// Where and how to deliver: the server, how the connection is secured, the login, the time allowed per step.
package struct SMTPSettings: Sendable {
    /// The server's host name or IP address.
    package var host: String
    /// Its port (587 for STARTTLS, 465 for implicit TLS, 25 for a relay).
    package var port: Int
    /// How the connection is secured.
    package var security: SMTPSecurity
    /// The user to log in as; no AUTH at all when nil.
    package var username: String?
    /// The password of `username`. It appears in no error message, in no form.
    package var password: String?
    /// Whether the server's certificate is checked (chain and host name). False only when the user explicitly turns
    /// it off.
    package var verifiesCertificate: Bool
    /// A PEM file of CA certificates to trust instead of the system's roots (a private CA, the tests).
    package var trustRootsFile: String?
    /// The name this client gives in EHLO.
    package var heloName: String
    /// The time allowed for each step: connecting, and each reply of the server.
    package var timeout: Duration

    /// Creates settings; only the server and the security are required.
    package init(
        host: String, port: Int, security: SMTPSecurity, username: String? = nil, password: String? = nil, verifiesCertificate: Bool = true,
        trustRootsFile: String? = nil, heloName: String = "localhost", timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.verifiesCertificate = verifiesCertificate
        self.trustRootsFile = trustRootsFile
        self.heloName = heloName
        self.timeout = timeout
    }

    /// `host:port`, as error messages name the server.
    var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
