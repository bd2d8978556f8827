// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DonationHouseKiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kiosk", targets: ["kiosk"]),
        .executable(name: "kiosk-central", targets: ["kiosk-central"]),
        .library(name: "DonorCore", targets: ["DonorCore"]),
        .library(name: "SyncWire", targets: ["SyncWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Same requirement as the kiosk store so the two sides resolve one swift-crypto.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure domain: identity, donations, policy, eligibility, awards, cards. No I/O beyond
        // reading a policy or catalogue file.
        .target(name: "DonorCore"),
        // The wire format shared by the kiosk and the centre: event envelope, payloads,
        // push/pull bodies, the signed card QR. Pure Codable, no I/O.
        .target(name: "SyncWire", dependencies: ["DonorCore"]),
        // The central server: storage (PostgreSQL and SQLite), enrolment, sync API, rules at
        // the centre, verification. SQL never leaves Central/Storage.
        .target(
            name: "Central",
            dependencies: [
                "DonorCore",
                "SyncWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "kiosk",
            dependencies: [
                "DonorCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kiosk-central",
            dependencies: [
                "DonorCore",
                "SyncWire",
                "Central",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers for tests that drive the real binaries (subprocesses, tmux).
        .target(name: "KioskTestSupport"),
        .testTarget(name: "DonorCoreTests", dependencies: ["DonorCore"]),
        .testTarget(name: "CLITests", dependencies: ["DonorCore", "KioskTestSupport"]),
        .testTarget(name: "SyncWireTests", dependencies: ["SyncWire", "DonorCore"]),
        .testTarget(
            name: "CentralTests",
            dependencies: [
                "Central",
                "SyncWire",
                "DonorCore",
                "KioskTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
