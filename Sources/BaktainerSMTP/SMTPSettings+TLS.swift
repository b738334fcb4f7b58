import NIOSSL

extension SMTPSettings {
    /// The TLS context these settings call for: nil for ``SMTPSecurity/none``; else the system's roots or
    /// `trustRootsFile`, with the certificate and host name checked unless `verifiesCertificate` is false.
    func makeTLSContext() throws(SMTPError) -> NIOSSLContext? {
        if security == .none { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !verifiesCertificate { configuration.certificateVerification = .none }
        if let trustRootsFile { configuration.trustRoots = .file(trustRootsFile) }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            let file = trustRootsFile.map { " the CA file \($0) (is it there, readable, PEM?)" } ?? " the system's CA certificates"
            throw SMTPError(.tls, "TLS for SMTP server \(endpoint) cannot be set up with\(file): \(error)", cause: error)
        }
    }
}
