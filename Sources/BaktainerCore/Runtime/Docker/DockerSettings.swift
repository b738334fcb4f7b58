import DockerEngineAPI

/// How to reach the Docker daemon, read from the environment once at start-up.
///
/// Keys (see ``EnvironmentKey``):
/// - `BT_DOCKER_URL` (string): endpoint; default `DOCKER_HOST`, else `unix:///var/run/docker.sock`.
/// - `BT_SSL` (bool): TLS for `tcp://`; default `DOCKER_TLS_VERIFY` (any non-empty value but 0/false), else false.
/// - `BT_CA`, `BT_CERT`, `BT_KEY` (file path or inline PEM): TLS material; each defaults to `ca.pem`,
///   `cert.pem`, `key.pem` in `DOCKER_CERT_PATH` when that is set.
/// - `BT_DOCKER_RETRIES` (int 1…20): attempts for transient failures; default 4.
package struct DockerSettings: Sendable {
    /// The client configuration these settings produce.
    package var clientConfiguration: DockerClient.Configuration

    /// Reads the settings; throws a ``ConfigurationError`` naming the variable when a value is malformed.
    package init(environment: EnvironmentValues) throws(ConfigurationError) {
        let tls: Bool
        if let explicit = try environment.bool(EnvironmentKey.ssl) {
            tls = explicit
        } else if let verify = environment.string(EnvironmentKey.dockerTLSVerify) {
            tls = !["0", "false", "no", "off"].contains(verify.lowercased())
        } else {
            tls = false
        }
        let urlKey = environment.string(EnvironmentKey.dockerURL) != nil ? EnvironmentKey.dockerURL : EnvironmentKey.dockerHost
        let endpoint: DockerEndpoint
        if let url = environment.string(urlKey) {
            do {
                endpoint = try DockerEndpoint(parsing: url, tls: tls)
            } catch {
                throw ConfigurationError(setting: urlKey, error.message)
            }
        } else {
            endpoint = .defaultSocket
        }
        let certPath = environment.string(EnvironmentKey.dockerCertPath)
        func source(_ key: String, file: String) -> PEMSource? {
            if let value = environment.string(key) { return PEMSource(settingValue: value, origin: key) }
            if let certPath { return PEMSource(location: .file(path: certPath + "/" + file), origin: EnvironmentKey.dockerCertPath) }
            return nil
        }
        var tlsConfiguration: DockerTLSConfiguration? = nil
        if case .tcp(_, _, true) = endpoint {
            tlsConfiguration = DockerTLSConfiguration(
                certificateAuthority: source(EnvironmentKey.certificateAuthority, file: "ca.pem"),
                clientCertificate: source(EnvironmentKey.clientCertificate, file: "cert.pem"),
                clientKey: source(EnvironmentKey.clientKey, file: "key.pem"))
        }
        let attempts = try environment.integer(EnvironmentKey.dockerRetries, in: 1...20) ?? 4
        clientConfiguration = DockerClient.Configuration(
            endpoint: endpoint, tls: tlsConfiguration, retry: RetryPolicy(maximumAttempts: attempts))
    }
}
