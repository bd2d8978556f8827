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
        .library(name: "TerminalUI", targets: ["TerminalUI"]),
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
        // Everything Swift cannot import cleanly from ncursesw (stdscr, wide-char calls, macros).
        // No `pkgConfig: "ncursesw"`: its Cflags (-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600) are
        // flags SwiftPM refuses, with a warning on every build; the shim header defines what
        // it needs itself and the module map links ncursesw and tinfo.
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // libqrencode, for QR codes drawn with half-block characters.
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        // Cells, buffer, width, diff renderer, input decoding, widgets, app loop, backends.
        .target(name: "TerminalUI", dependencies: ["CNCursesW", "CQREncode"]),
        .executableTarget(name: "kiosk-bench", dependencies: ["TerminalUI"]),
        // The volunteer and nurse screens: pure update/view per screen, all I/O through the
        // `KioskServices` protocol so the screens never see SQL or files.
        .target(
            name: "KioskApp",
            dependencies: ["DonorCore", "TerminalUI", "KioskStore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "kiosk",
            dependencies: [
                "DonorCore",
                "KioskApp",
                "KioskStore",
                "TerminalUI",
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
        .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore", "DonorCore", "KioskTestSupport"]),
        .testTarget(
            name: "KioskAppTests",
            dependencies: ["KioskApp", "DonorCore", "TerminalUI", "KioskStore", "KioskTestSupport",
                           .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI", "KioskTestSupport"],
            exclude: ["Snapshots"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
