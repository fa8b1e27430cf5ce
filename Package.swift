// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "streamtap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "streamtap", targets: ["streamtap"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "StreamTapCore"),
        .target(
            name: "StreamTapNet",
            dependencies: [
                "StreamTapCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .target(
            name: "StreamTapDemoServer",
            dependencies: [
                "StreamTapCore",
                "StreamTapNet",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "StreamTapConfig",
            dependencies: ["StreamTapCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "StreamTapTerminal", dependencies: ["CNcurses"]),
        .target(name: "StreamTapUI", dependencies: ["StreamTapCore", "StreamTapTerminal"]),
        .executableTarget(
            name: "streamtap",
            dependencies: [
                "StreamTapConfig",
                "StreamTapCore",
                "StreamTapDemoServer",
                "StreamTapNet",
                "StreamTapTerminal",
                "StreamTapUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "tui-flood-benchmark",
            dependencies: ["StreamTapCore", "StreamTapTerminal", "StreamTapUI"],
            path: "Benchmarks/TUIFlood"
        ),
        .target(
            name: "StreamTapTestSupport",
            dependencies: [
                "StreamTapCore",
                "StreamTapDemoServer",
                "StreamTapNet",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/StreamTapTestSupport"
        ),
        .testTarget(
            name: "StreamTapConfigTests",
            dependencies: ["StreamTapConfig", "StreamTapCore", "StreamTapTestSupport"]
        ),
        .testTarget(name: "StreamTapCoreTests", dependencies: ["StreamTapCore", "StreamTapTestSupport"]),
        .testTarget(
            name: "StreamTapDemoServerTests",
            dependencies: [
                "StreamTapCore",
                "StreamTapDemoServer",
                "StreamTapNet",
                "StreamTapTestSupport",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "StreamTapNetTests",
            dependencies: [
                "StreamTapCore",
                "StreamTapDemoServer",
                "StreamTapNet",
                "StreamTapTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "StreamTapTerminalTests", dependencies: ["StreamTapTerminal", "StreamTapTestSupport"]),
        .testTarget(
            name: "StreamTapUITests",
            dependencies: ["StreamTapCore", "StreamTapTerminal", "StreamTapTestSupport", "StreamTapUI"],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(
            name: "streamtapTests",
            dependencies: [
                "streamtap",
                "StreamTapCore",
                "StreamTapNet",
                "StreamTapTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
