import Central
import CentralSeed
import DonorCore
import Foundation
import KioskStore
import KioskSync
import Logging
import SyncWire

/// The centre of the sync scenarios: the real `CentralService` on a SQLite file in the run's
/// folder, and kiosks that reach it through `InProcessTransport` (the service called in-process:
/// the routes' work without HTTP, JSON over the wire or TLS).
final class BenchCentre: Sendable {
    let service: CentralService
    let path: String
    static let logger: Logger = {
        var logger = Logger(label: "kiosk-bench-sync")
        logger.logLevel = .critical
        return logger
    }()

    private init(service: CentralService, path: String) {
        self.service = service
        self.path = path
    }

    /// A new centre database at `folder/central.sqlite`.
    static func open(folder: String, policy: Policy, keys: ServerKeys = .random()) async throws -> BenchCentre {
        let path = folder + "/central.sqlite"
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        return BenchCentre(service: CentralService(store: store, keys: keys, policy: policy, logger: logger), path: path)
    }

    /// The same database opened again (after `CentralLoader` wrote to it behind the service's back).
    func reopened(policy: Policy, seeds: SeedShelf? = nil) async throws -> BenchCentre {
        await service.store.close()
        let store = try SQLiteStore(path: path)
        return BenchCentre(service: CentralService(store: store, keys: service.keys, policy: policy, logger: Self.logger, seeds: seeds), path: path)
    }

    func close() async { await service.store.close() }

    /// A new house with one enrolled device, and the transport that speaks for it.
    func enrol(house: String) async throws -> (credential: DeviceCredential, transport: InProcessTransport) {
        let record = try await service.addHouse(id: house, name: house)
        let token = try await service.issueEnrollToken(house: house, hours: 1).token
        let credential = try await service.enroll(EnrollRequest(token: token, deviceName: house))
        guard let device = try await service.store.device(id: credential.deviceID) else { throw BenchError("the enrolled device is missing") }
        return (DeviceCredential(server: "in-process", house: house, deviceID: credential.deviceID, bearer: credential.bearer),
                InProcessTransport(service: service, device: device, house: record))
    }
}

/// A kiosk of the sync scenarios: a fresh store on a SQLite file, enrolled at the centre.
struct BenchKiosk {
    let store: KioskStore
    let local: EnrolledKioskStore
    var transport: InProcessTransport

    static func open(folder: String, house: String, centre: BenchCentre) async throws -> BenchKiosk {
        let (credential, transport) = try await centre.enrol(house: house)
        let store: KioskStore
        do {
            store = try KioskStore.open(directory: folder + "/" + house, keyFile: folder + "/" + house + "/kiosk.key", deviceName: house)
        } catch {
            throw BenchError("cannot open the kiosk store: \(error)")
        }
        return BenchKiosk(store: store, local: EnrolledKioskStore(store: store, credential: credential), transport: transport)
    }

    /// A runner with the engine's settings and pages of `pageSize` (the centre serves at most 1000).
    func runner(pageSize: Int = CentralService.maxPage, longPollSeconds: Int = SyncSettings().longPollSeconds,
                prefetch: Bool = true) -> SyncRunner {
        SyncRunner(store: local, transport: transport, settings: SyncSettings(pageSize: pageSize, longPollSeconds: longPollSeconds),
                   seed: UInt64(truncatingIfNeeded: transport.house.id.hashValue), prefetchesSnapshotPages: prefetch)
    }

    /// `kiosk sync --once`: push everything, pull until caught up.
    func syncOnce(pageSize: Int = CentralService.maxPage, prefetch: Bool = true) async throws -> SyncOnceSummary {
        do { return try await runner(pageSize: pageSize, prefetch: prefetch).runOnce() } catch { throw BenchError("sync failed: \(error)") }
    }
}
