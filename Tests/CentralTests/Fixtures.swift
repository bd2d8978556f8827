import Central
import DonorCore
import Foundation
import KioskTestSupport
import Logging
import PostgresNIO
import SyncWire
import Testing

/// The two store implementations every conformance test runs against.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// Opening fresh, migrated stores for tests.
enum StoreFixture {
    static let logger: Logger = {
        var logger = Logger(label: "central-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// The PostgreSQL admin URL, or nil (after failing the test under CI, or printing why the
    /// PostgreSQL case is skipped elsewhere).
    static func postgresURL() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let url = env["KIOSK_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if let ci = env["CI"], !ci.isEmpty {
            Issue.record("KIOSK_TEST_POSTGRES_URL is unset while CI is set: run the tests with scripts/test, which starts PostgreSQL (scripts/postgres-test-server).")
        } else {
            print("note: PostgreSQL case skipped: KIOSK_TEST_POSTGRES_URL is unset (scripts/test starts a server and sets it).")
        }
        return nil
    }

    /// A fresh, migrated store on `backend`, closed after `body`; nil body run when skipped.
    static func withStore(_ backend: Backend, _ body: (any CentralStore) async throws -> Void) async throws {
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("central-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try SQLiteStore(path: folder.appendingPathComponent("central.sqlite").path)
            try await store.migrate()
            do { try await body(store) } catch { await store.close(); throw error }
            await store.close()
        case .postgres:
            guard let admin = postgresURL() else { return }
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await adminQuery(admin, "CREATE DATABASE \(name)")
            let base = admin[..<admin.lastIndex(of: "/")!]
            let store = try PostgresStore(url: "\(base)/\(name)", logger: logger)
            try await store.migrate()
            do { try await body(store) } catch { await store.close(); throw error }
            await store.close()
            try? await adminQuery(admin, "DROP DATABASE \(name) WITH (FORCE)")
        }
    }

    /// Runs one statement on the admin database.
    static func adminQuery(_ url: String, _ sql: String) async throws {
        guard let parts = URLComponents(string: url) else { return }
        let config = PostgresClient.Configuration(
            host: parts.host ?? "127.0.0.1", port: parts.port ?? 5432, username: parts.user ?? "postgres",
            password: parts.password, database: String(parts.path.dropFirst()), tls: .disable)
        let client = PostgresClient(configuration: config, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}

/// A service on a fresh store with the Taiyuan policy and a fixed clock.
enum ServiceFixture {
    /// 2026-11-20 12:00 in Taiyuan (04:00 UTC).
    static let fixedNow = Date(timeIntervalSince1970: 1_795_147_200)

    static let policy: Policy = {
        try! PolicyLoader.load(path: ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml").path)
    }()

    static func withService(_ backend: Backend, seeds: SeedShelf? = nil, _ body: (CentralService) async throws -> Void) async throws {
        try await StoreFixture.withStore(backend) { store in
            let service = CentralService(store: store, keys: .random(), policy: policy, logger: StoreFixture.logger, seeds: seeds,
                                         clock: { fixedNow })
            try await body(service)
        }
    }
}

/// Builders for wire events in tests.
enum Make {
    /// An HLC string at `ms` for `node`.
    static func hlc(_ ms: Int64, _ node: String = "dev") -> String { HLC(milliseconds: ms, counter: 0, node: node).description }

    static func event<P: Encodable>(
        _ id: String, _ kind: EventKind, house: String, device: String, donor: String?, hlc: String? = nil, _ payload: P
    ) -> WireEvent {
        WireEvent(id: id, kind: kind.rawValue, house: house, device: device, author: "nurse-1",
                  hlc: hlc ?? Make.hlc(1_795_000_000_000, device), donorKey: donor, payload: try! WireCoding.object(payload))
    }

    static func registration(_ id: String, house: String, device: String, donor: String, idNumber: String = "34052419800101001X", hlc: String? = nil) -> WireEvent {
        event(id, .donorRegistered, house: house, device: device, donor: donor, hlc: hlc, DonorRegisteredPayload(
            donor: donor, idNumber: idNumber, name: "张三", sex: .male, birthDate: LocalDate(iso: "1980-01-01")!))
    }

    static func donation(_ id: String, house: String, device: String, donor: String, date: String, volume: Int = 400) -> WireEvent {
        event(id, .donationRecorded, house: house, device: device, donor: donor, DonationRecordedPayload(
            donation: "don-" + id, donor: donor, facts: DonationFacts(date: LocalDate(iso: date)!, kind: .wholeBlood, volumeML: volume)))
    }

    /// A house and an enrolled device on `service`.
    /// The sequence numbers a house sees pulling in pages (long-polling `wait` seconds) until
    /// it has `until` of them, or a minute has passed.
    static func follow(_ service: CentralService, house id: String, until total: Int, page: Int, wait: Double) async throws -> [Int64] {
        let house = try #require(try await service.store.house(id: id))
        var cursor: Int64 = 0, seen: [Int64] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while seen.count < total && ContinuousClock.now < deadline {
            let answer = try await service.changes(house: house, after: cursor, limit: page, wait: wait)
            seen += answer.events.map(\.seq)
            cursor = Int64(answer.cursor)!
        }
        return seen
    }

    static func device(_ service: CentralService, house: String, signingKey: String? = nil) async throws -> (Device, EnrollResponse) {
        if try await service.store.house(id: house) == nil { _ = try await service.addHouse(id: house, name: "House \(house)") }
        let token = try await service.issueEnrollToken(house: house, hours: 1).token
        let credential = try await service.enroll(EnrollRequest(token: token, deviceName: "kiosk", signingKey: signingKey))
        return (try await service.store.device(id: credential.deviceID)!, credential)
    }

}
