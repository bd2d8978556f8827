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
        .library(name: "SyncWire", targets: ["SyncWire"]),
        .library(name: "KioskSync", targets: ["KioskSync"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Same requirement as the kiosk store so the two sides resolve one swift-crypto.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The kiosk's HTTP client to the centre (KioskSync's `CentreHTTP`); SwiftNIO, as the centre.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.30.0"),
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
                // The event payloads are the wire's (one set of types for the log and the sync).
                "SyncWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The raw SQLite C API, for the bulk import's bind-and-step loop only.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Test helper: records donations in a loop so a test can SIGKILL it mid-write.
        .executableTarget(name: "kiosk-store-crashwriter", dependencies: ["KioskStore", "DonorCore", "SyncWire"]),
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
        // zlib, for the seed file's gzip form (a third of its size on a house's link).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Cells, buffer, width, diff renderer, input decoding, widgets, app loop, backends.
        .target(name: "TerminalUI", dependencies: ["CNCursesW", "CQREncode"]),
        // The volunteer and nurse screens: pure update/view per screen, all I/O through the
        // `KioskServices` protocol so the screens never see SQL or files.
        .target(
            name: "KioskApp",
            dependencies: ["DonorCore", "TerminalUI", "KioskStore", "SyncWire", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The wire format shared by the kiosk and the centre: event envelope, payloads,
        // push/pull bodies, the signed card QR (with its Ed25519 signing and check). No I/O.
        .target(name: "SyncWire", dependencies: ["DonorCore", .product(name: "Crypto", package: "swift-crypto")]),
        // The kiosk's sync engine: a pure state machine over the store and the centre's API.
        // KioskStore: the store is the engine's local side (`KioskStore: SyncLocalStore`).
        .target(name: "KioskSync", dependencies: [
            "SyncWire", "DonorCore", "KioskStore", "CZlib",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
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
                // /metrics in the Prometheus text format.
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The centre's seed builder: the kiosk's own bootstrap run in the centre's process, whose
        // store becomes the file new kiosks download (`kiosk-central seed build`).
        .target(name: "CentralSeed", dependencies: [
            "Central", "KioskStore", "KioskSync", "SyncWire",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(
            name: "kiosk",
            dependencies: [
                "DonorCore",
                "KioskApp",
                "KioskStore",
                "TerminalUI",
                "SyncWire",
                // The device credential's file format (`kiosk enroll` writes it, the sync reads it).
                "KioskSync",
                // The HTTP client a `[server] ca_file` configures (`CentreHTTP.client(trusting:)`).
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "kiosk-central",
            dependencies: [
                "DonorCore",
                "SyncWire",
                "Central",
                "CentralSeed",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks: `swift run -c release kiosk-bench SCENARIO [--json]`; see docs/performance.md.
        .executableTarget(
            name: "kiosk-bench",
            dependencies: [
                "DonorCore",
                "KioskStore",
                "TerminalUI",
                "Central",
                // The centre's seed builder and the in-process transport the sync scenarios use.
                "CentralSeed",
                "SyncWire",
                // The sync scenarios run the kiosk's real engine, driver and runner.
                "KioskSync",
                // The raw SQLite baseline the store's import is measured against.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // The raw PostgreSQL baseline the centre's ingest is measured against.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The centre's real server runs in the bench process for `central --client http`.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers for tests that drive the real binaries (subprocesses, tmux) and compare
        // rendered screens with snapshot files.
        .target(name: "KioskTestSupport", dependencies: ["TerminalUI"]),
        .testTarget(name: "DonorCoreTests", dependencies: ["DonorCore"]),
        // The bench's own rules (when a run meets its target), tested on the executable's module.
        .testTarget(name: "KioskBenchTests", dependencies: ["kiosk-bench"]),
        // KioskStore only to put check-in facts (vitals, answers) in a store the CLI then reads.
        .testTarget(name: "CLITests", dependencies: ["DonorCore", "KioskStore", "SyncWire", "KioskTestSupport"]),
        .testTarget(name: "KioskStoreTests", dependencies: ["KioskStore", "DonorCore", "SyncWire", "KioskTestSupport"]),
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
                .testTarget(name: "SyncWireTests", dependencies: ["SyncWire", "DonorCore", .product(name: "Crypto", package: "swift-crypto")]),
        // The engine's transitions, the HTTP transport against the real router over a socket,
        // the seeded fault simulation of kiosks against the real CentralService, and the store
        // as the engine's local side on real SQLite files and a child process.
        .testTarget(
            name: "KioskSyncTests",
            dependencies: [
                "KioskSync",
                "KioskStore",
                "SyncWire",
                "DonorCore",
                "Central",
                "CentralSeed",
                "KioskTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CentralTests",
            dependencies: [
                "Central",
                "SyncWire",
                "DonorCore",
                "KioskTestSupport",
                // The card QR test signs with the kiosk's own signer and verifies at the centre.
                "KioskApp",
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
