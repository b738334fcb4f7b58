import NIOSSL

/// TLS material for a `tcp://` Docker endpoint: the CA that signed the daemon's certificate and, for
/// daemons started with `--tlsverify`, the client certificate and key.
package struct DockerTLSConfiguration: Sendable, Equatable {
    /// The CA bundle to trust; `nil` trusts the system roots.
    package var certificateAuthority: PEMSource?
    /// The client certificate (chain) presented to the daemon.
    package var clientCertificate: PEMSource?
    /// The private key of the client certificate.
    package var clientKey: PEMSource?
    /// Whether to check the daemon's certificate against the host name (the docker CLI does).
    package var verifyHostname: Bool

    /// Creates a configuration.
    package init(
        certificateAuthority: PEMSource? = nil, clientCertificate: PEMSource? = nil, clientKey: PEMSource? = nil,
        verifyHostname: Bool = true
    ) {
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.verifyHostname = verifyHostname
    }

    /// Loads and checks every piece, then builds the TLS context.
    ///
    /// Each failure is a ``DockerError/Code/invalidTLSMaterial`` error naming the setting and file at fault:
    /// unreadable, not PEM, a certificate where a key belongs, or a key that does not match its certificate.
    package func makeContext() throws(DockerError) -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = verifyHostname ? .fullVerification : .noHostnameVerification
        if let source = certificateAuthority {
            configuration.trustRoots = .certificates(try Self.certificates(from: source))
        }
        switch (clientCertificate, clientKey) {
        case (nil, nil):
            break
        case (let certificate?, nil):
            throw DockerError(.invalidTLSMaterial, "\(certificate) is set but no client key is: set the key beside it")
        case (nil, let key?):
            throw DockerError(.invalidTLSMaterial, "\(key) is set but no client certificate is: set the certificate beside it")
        case (let certificateSource?, let keySource?):
            let chain = try Self.certificates(from: certificateSource)
            let key: NIOSSLPrivateKey
            do {
                key = try NIOSSLPrivateKey(bytes: try keySource.bytes(), format: .pem)
            } catch let error as DockerError {
                throw error
            } catch {
                throw DockerError(.invalidTLSMaterial, "\(keySource) is not a PEM private key (unencrypted RSA or EC)")
            }
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(key)
            do {
                _ = try NIOSSLContext(configuration: configuration)
            } catch {
                throw DockerError(
                    .invalidTLSMaterial, "\(keySource) does not match the client certificate \(certificateSource): use the key the certificate was issued for")
            }
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw DockerError(.invalidTLSMaterial, "TLS settings could not be used: \(error)")
        }
    }

    private static func certificates(from source: PEMSource) throws(DockerError) -> [NIOSSLCertificate] {
        let bytes = try source.bytes()
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw DockerError(.invalidTLSMaterial, "\(source) is not a PEM certificate")
        }
        guard !certificates.isEmpty else {
            throw DockerError(.invalidTLSMaterial, "\(source) holds no PEM certificate")
        }
        return certificates
    }
}
