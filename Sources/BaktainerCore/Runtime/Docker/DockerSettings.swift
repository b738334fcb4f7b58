import DockerEngineAPI

/// How to reach the Docker daemon, read once at start-up (see ``ConfigurationValues``).
///
/// Keys (see ``EnvironmentKey``):
/// - `BT_DOCKER_URL` (string): endpoint; older name `DOCKER_HOST`; default `unix:///var/run/docker.sock`.
/// - `BT_SSL` (bool): TLS for `tcp://`; older name `DOCKER_TLS_VERIFY`; default false.
/// - `BT_CA`, `BT_CERT`, `BT_KEY` (file path or inline PEM): TLS material; each defaults to `ca.pem`,
///   `cert.pem`, `key.pem` in `BT_DOCKER_CERT_PATH` (older name `DOCKER_CERT_PATH`) when that is set.
/// - `BT_DOCKER_RETRIES` (int 1…20): attempts for transient failures; default 4.
package struct DockerSettings: Sendable {
    /// The client configuration these settings produce.
    package var clientConfiguration: DockerClient.Configuration

    /// Reads the settings; throws a ``ConfigurationError`` naming the setting and its source when a value is malformed.
    package init(configuration values: ConfigurationValues) throws(ConfigurationError) {
        let tls = try values.bool(EnvironmentKey.ssl) ?? false
        let endpoint: DockerEndpoint
        if let url = values.string(EnvironmentKey.dockerURL) {
            do {
                endpoint = try DockerEndpoint(parsing: url, tls: tls)
            } catch {
                throw values.error(EnvironmentKey.dockerURL, error.message)
            }
        } else {
            endpoint = .defaultSocket
        }
        let certPath = values.string(EnvironmentKey.dockerCertPath)
        func source(_ key: String, file: String) -> PEMSource? {
            if let value = values.string(key) { return PEMSource(settingValue: value, origin: values.origin(key)) }
            if let certPath {
                return PEMSource(location: .file(path: certPath + "/" + file), origin: values.origin(EnvironmentKey.dockerCertPath))
            }
            return nil
        }
        var tlsConfiguration: DockerTLSConfiguration? = nil
        if case .tcp(_, _, true) = endpoint {
            tlsConfiguration = DockerTLSConfiguration(
                certificateAuthority: source(EnvironmentKey.certificateAuthority, file: "ca.pem"),
                clientCertificate: source(EnvironmentKey.clientCertificate, file: "cert.pem"),
                clientKey: source(EnvironmentKey.clientKey, file: "key.pem"))
        }
        let attempts = try values.integer(EnvironmentKey.dockerRetries, in: 1...20) ?? 4
        clientConfiguration = DockerClient.Configuration(
            endpoint: endpoint, tls: tlsConfiguration, retry: RetryPolicy(maximumAttempts: attempts))
    }
}
