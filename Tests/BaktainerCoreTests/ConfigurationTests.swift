import BaktainerCore
import DockerEngineAPI
import Testing

@Suite struct ConfigurationValuesTests {
    @Test(arguments: [("true", true), ("FALSE", false), ("1", true), ("0", false), ("yes", true), ("off", false)])
    func readsBooleans(raw: String, expected: Bool) throws {
        #expect(try ConfigurationValues(environment: ["BT_SSL": raw]).bool("BT_SSL") == expected)
    }

    @Test func malformedValuesNameTheVariable() {
        #expect(throws: ConfigurationError(setting: "BT_SSL", "'maybe' is not a boolean: use true or false (yes/no, on/off and 1/0 work too)")) {
            try ConfigurationValues(environment: ["BT_SSL": "maybe"]).bool("BT_SSL")
        }
        #expect { try ConfigurationValues(environment: ["BT_THREADS": "abc"]).integer("BT_THREADS", in: 1...64) } throws: { error in
            (error as? ConfigurationError)?.setting == "BT_THREADS"
        }
        #expect { try ConfigurationValues(environment: ["BT_THREADS": "0"]).integer("BT_THREADS", in: 1...64) } throws: { _ in true }
    }

    @Test func emptyMeansUnset() throws {
        #expect(try ConfigurationValues(environment: ["BT_SSL": ""]).bool("BT_SSL") == nil)
    }
}

@Suite struct DockerSettingsTests {
    private func settings(_ values: [String: String]) throws -> DockerClient.Configuration {
        try DockerSettings(configuration: ConfigurationValues(environment: values)).clientConfiguration
    }

    @Test func defaultsToTheLocalSocket() throws {
        let configuration = try settings([:])
        #expect(configuration.endpoint == .defaultSocket)
        #expect(configuration.tls == nil)
        #expect(configuration.retry.maximumAttempts == 4)
    }

    @Test func btDockerURLWinsOverDockerHost() throws {
        #expect(try settings(["BT_DOCKER_URL": "tcp://a:1", "DOCKER_HOST": "tcp://b:2"]).endpoint == .tcp(host: "a", port: 1, tls: false))
        #expect(try settings(["DOCKER_HOST": "unix:///run/d.sock"]).endpoint == .unixSocket(path: "/run/d.sock"))
    }

    @Test func tlsMaterialComesFromSettingsOrTheDockerCertPath() throws {
        let explicit = try settings([
            "BT_DOCKER_URL": "tcp://h:2376", "BT_SSL": "true", "BT_CA": "-----BEGIN CERTIFICATE-----\nx", "BT_CERT": "/c/cert.pem",
            "DOCKER_CERT_PATH": "/certs",
        ])
        #expect(explicit.endpoint == .tcp(host: "h", port: 2376, tls: true))
        #expect(explicit.tls?.certificateAuthority?.description == "BT_CA (inline PEM)")
        #expect(explicit.tls?.clientCertificate?.description == "BT_CERT (file /c/cert.pem)")
        #expect(explicit.tls?.clientKey?.description == "DOCKER_CERT_PATH (file /certs/key.pem)")

        let dockerStyle = try settings(["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs"])
        #expect(dockerStyle.endpoint == .tcp(host: "h", port: 2376, tls: true))
        #expect(dockerStyle.tls?.certificateAuthority?.location == .file(path: "/certs/ca.pem"))
    }

    @Test func btSSLFalseTurnsTLSOff() throws {
        let configuration = try settings(["BT_DOCKER_URL": "tcp://h:2375", "BT_SSL": "false", "DOCKER_TLS_VERIFY": "1"])
        #expect(configuration.endpoint == .tcp(host: "h", port: 2375, tls: false))
        #expect(configuration.tls == nil)
    }

    @Test func badEndpointNamesTheVariable() {
        #expect { try settings(["BT_DOCKER_URL": "docker.sock"]) } throws: { error in
            (error as? ConfigurationError)?.setting == "BT_DOCKER_URL"
        }
        #expect { try settings(["BT_DOCKER_RETRIES": "many"]) } throws: { error in
            (error as? ConfigurationError)?.setting == "BT_DOCKER_RETRIES"
        }
    }
}
