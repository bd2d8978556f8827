// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DonationHouseKiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kiosk", targets: ["kiosk"]),
        .executable(name: "kiosk-central", targets: ["kiosk-central"]),
        .library(name: "DonorCore", targets: ["DonorCore"]),
        .library(name: "KioskStore", targets: ["KioskStore"]),
        .executable(name: "kiosk-bench", targets: ["kiosk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // 3.12.3 and 4.x both offer KDF.Scrypt in _CryptoExtras on Linux; the range lets the
        // server side (Hummingbird, PostgresNIO, swift-certificates) agree on one version.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        // Pure domain: identity, donations, policy, eligibility, awards, cards. No I/O beyond
        // reading a policy or catalogue file.
        .target(name: "DonorCore"),
        // The kiosk's local store: GRDB schema, events and outbox, HLC, encryption at rest,
        // staff accounts and audit. SQL never leaves this target.
        .target(
            name: "KioskStore",
            dependencies: [
                "DonorCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw SQLite C API, for the bulk import's bind-and-step loop only.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Test helper: records donations in a loop so a test can SIGKILL it mid-write.
        .executableTarget(name: "kiosk-store-crashwriter", dependencies: ["KioskStore", "DonorCore"]),
        .executableTarget(
            name: "kiosk",
            dependencies: [
                "DonorCore",
                "KioskStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kiosk-central",
            dependencies: [
                "DonorCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks: `swift run -c release kiosk-bench SCENARIO [--json]`; see docs/performance.md.
        .executableTarget(
            name: "kiosk-bench",
            dependencies: [
                "DonorCore",
                "KioskStore",
                // The raw SQLite baseline the store's import is measured against.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Helpers for tests that drive the real binaries (subprocesses, tmux).
        .target(name: "KioskTestSupport"),
        .testTarget(name: "DonorCoreTests", dependencies: ["DonorCore"]),
        // KioskStore only to put check-in facts (vitals, answers) in a store the CLI then reads.
        .testTarget(name: "CLITests", dependencies: ["DonorCore", "KioskStore", "KioskTestSupport"]),
        .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore", "DonorCore", "KioskTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
