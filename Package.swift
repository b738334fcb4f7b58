// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "baktainer",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "baktainer", targets: ["baktainer"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Layered configuration (environment over an optional YAML file); the file is parsed with Yams directly so
        // that every key in it can be checked and traced to its line.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Transport of the S3 destination (Hummingbird's test kit builds it anyway).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Transport of the SFTP destination.
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        // Operators' own notification texts.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .executableTarget(
            name: "baktainer",
            dependencies: [
                "BaktainerCore",
                "BaktainerHTTP",
                "BaktainerS3",
                "BaktainerSFTP",
                "BaktainerNotify",
                "DockerEngineAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // Release builds: a position-dependent executable needs no start-up relocation of its 3 MB of pointers,
            // and exporting no symbols spares the loader's lookups through 39,000 of them; together 4–5 MB less
            // resident memory (scripts/bench-idle.sh, bench-backup.sh).
            linkerSettings: [.unsafeFlags(["-Xlinker", "-no-pie", "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux], configuration: .release))]
        ),
        // The S3 destination: SigV4 by hand on swift-crypto, AsyncHTTPClient for transport.
        .target(
            name: "BaktainerS3",
            dependencies: [
                "BaktainerCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The SFTP destination: SFTP version 3 by hand over SwiftNIO SSH.
        .target(
            name: "BaktainerSFTP",
            dependencies: [
                "BaktainerCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
            ]
        ),
        // Notification channels: webhooks and chat services over AsyncHTTPClient, e-mail over BaktainerSMTP.
        .target(
            name: "BaktainerNotify",
            dependencies: [
                "BaktainerCore",
                "BaktainerSMTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // A small SMTP client on SwiftNIO: STARTTLS and implicit TLS, AUTH PLAIN/LOGIN. Knows nothing about backups.
        .target(
            name: "BaktainerSMTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "BaktainerHTTP",
            dependencies: [
                "BaktainerCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "BaktainerCore",
            dependencies: [
                "CZstd",
                "DockerEngineAPI",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The system libzstd, for zstd compression streamed inside the pipeline. Its own header declares the few
        // functions used, so only the runtime library is needed (Debian: libzstd1, always installed), not libzstd-dev.
        .target(
            name: "CZstd",
            linkerSettings: [
                .linkedLibrary(":libzstd.so.1", .when(platforms: [.linux])),
                .linkedLibrary("zstd", .when(platforms: [.macOS])),
            ]
        ),
        .target(
            name: "DockerEngineAPI",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Streams 1 GiB out of an exec into a file; driven by scripts/bench-exec.sh.
        .executableTarget(
            name: "baktainer-bench",
            dependencies: [
                "DockerEngineAPI",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/baktainer-bench"
        ),
        // One backup copied to S3 through the destination's own code; driven by scripts/bench-upload.sh.
        .executableTarget(
            name: "baktainer-upload-bench",
            dependencies: [
                "BaktainerCore",
                "BaktainerS3",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks/baktainer-upload-bench"
        ),
        // Row counters' throughput over a dump file; driven by scripts/bench-rowcount.sh.
        .executableTarget(
            name: "baktainer-rowcount-bench",
            dependencies: ["BaktainerCore"],
            path: "Benchmarks/baktainer-rowcount-bench"
        ),
        .testTarget(
            name: "DockerEngineAPITests",
            dependencies: [
                "DockerEngineAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "BaktainerCoreTests",
            dependencies: [
                "BaktainerCore", "BaktainerHTTP",
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "BaktainerS3Tests",
            dependencies: ["BaktainerCore", "BaktainerS3"]
        ),
        .testTarget(
            name: "BaktainerSFTPTests",
            dependencies: [
                "BaktainerCore", "BaktainerSFTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
            ]
        ),
        .testTarget(
            name: "BaktainerNotifyTests",
            dependencies: ["BaktainerCore", "BaktainerNotify", "BaktainerSMTP"]
        ),
        .testTarget(
            name: "BaktainerHTTPTests",
            dependencies: [
                "BaktainerCore",
                "BaktainerHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "BaktainerCore",
                "BaktainerSFTP",
                "BaktainerSMTP",
                .product(name: "Crypto", package: "swift-crypto"),
                "DockerEngineAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
