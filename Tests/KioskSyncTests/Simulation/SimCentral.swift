import Central
import DonorCore
import Foundation
import KioskTestSupport
import Logging
import SyncWire

/// The real `CentralService` over a temporary SQLite file, which the simulation can crash and
/// restart (a new service over the same file, keys kept as the server's key file would be).
actor SimCentral {
    static let policy: Policy = {
        try! PolicyLoader.load(path: ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml").path)
    }()
    /// 2026-11-20 12:00 in Taiyuan: every generated donation date lies before it.
    static let now = Date(timeIntervalSince1970: 1_795_147_200)
    static let logger: Logger = {
        var logger = Logger(label: "kiosk-sync-sim")
        logger.logLevel = .critical
        return logger
    }()

    let folder: URL
    let keys = ServerKeys.random()
    /// Where `SeedBuilder` publishes the seed files a seeded newcomer starts from.
    nonisolated var seeds: SeedShelf { SeedShelf(directory: folder.appendingPathComponent("seeds").path) }
    private(set) var service: CentralService
    private(set) var restarts = 0

    init() async throws {
        // RAM-backed when the machine has it: thousands of runs, each with fsyncs on every commit.
        let shm = URL(fileURLWithPath: "/dev/shm")
        let root = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        folder = root.appendingPathComponent("kiosk-sync-sim-\(UUID().uuidString)")
        service = try await Self.open(folder, keys)
    }

    static func open(_ folder: URL, _ keys: ServerKeys) async throws -> CentralService {
        let store = try SQLiteStore(path: folder.appendingPathComponent("central.sqlite").path)
        try await store.migrate()
        return CentralService(store: store, keys: keys, policy: policy, logger: logger,
                              seeds: SeedShelf(directory: folder.appendingPathComponent("seeds").path), clock: { now })
    }

    /// A house with one enrolled device.
    func enrol(house: String) async throws -> (House, Device) {
        let house = try await service.addHouse(id: house, name: "House \(house)")
        let token = try await service.issueEnrollToken(house: house.id, hours: 1).token
        let credential = try await service.enroll(EnrollRequest(token: token, deviceName: house.id))
        return (house, try await service.store.device(id: credential.deviceID)!)
    }

    /// The server process dies and a new one opens the same database.
    func restart() async throws {
        await service.store.close()
        service = try await Self.open(folder, keys)
        restarts += 1
    }

    /// Every shared event the centre holds, in sequence order.
    func allEvents(city: String) async throws -> [SequencedEvent] {
        var events: [SequencedEvent] = [], after: Int64 = 0
        while true {
            let page = try await service.changes(house: House(id: "audit", name: "audit", city: city, createdAt: 0), after: after, limit: 1000, wait: 0)
            events += page.events
            guard page.hasMore, let next = Int64(page.cursor) else { return events }
            after = next
        }
    }

    func close() async {
        await service.store.close()
        try? FileManager.default.removeItem(at: folder)
    }
}
