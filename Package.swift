// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "DonationHouseKiosk",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kiosk", targets: ["kiosk"]),
        .executable(name: "kiosk-central", targets: ["kiosk-central"]),
        .library(name: "DonorCore", targets: ["DonorCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure domain: identity, donations, policy, eligibility, awards, cards. No I/O beyond
        // reading a policy or catalogue file.
        .target(name: "DonorCore"),
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers for tests that drive the real binaries (subprocesses, tmux).
        .target(name: "KioskTestSupport"),
        .testTarget(name: "DonorCoreTests", dependencies: ["DonorCore"]),
        .testTarget(name: "CLITests", dependencies: ["DonorCore", "KioskTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
