import Central
import DonorCore
import KioskSync
import SyncWire

/// How hostile the network is in one run; drawn from the seed so some runs are calm and some
/// are storms. Probabilities per request.
struct SimWeather: Sendable, CustomStringConvertible {
    var dropRequest: Double
    var dropResponse: Double
    var duplicate: Double
    var delay: Double
    var serverCrash: Double
    var serverError: Double
    var rateLimit: Double

    init(_ rng: inout SplitMix64) {
        let storm = Double(rng.int(in: 0...4)) / 10
        dropRequest = storm * 0.5
        dropResponse = storm * 0.5
        duplicate = storm * 0.3
        delay = storm * 0.3
        serverCrash = storm * 0.1
        serverError = storm * 0.2
        rateLimit = storm * 0.1
    }

    /// No faults: the end of a run, when everything must converge.
    static let calm = SimWeather()
    private init() { dropRequest = 0; dropResponse = 0; duplicate = 0; delay = 0; serverCrash = 0; serverError = 0; rateLimit = 0 }

    var description: String { "drop \(dropRequest)/\(dropResponse) dup \(duplicate) delay \(delay) crash \(serverCrash) 5xx \(serverError) 429 \(rateLimit)" }
}

/// Everything between the kiosks and the centre: it drops requests, drops answers after the
/// centre committed, delivers twice, holds pushes back and delivers them later (so they arrive
/// out of order and after the retry), answers 5xx and 429, and crashes the server between its
/// commit and the answer. All decisions come from the run's seed.
actor SimNetwork {
    let central: SimCentral
    var weather: SimWeather
    var rng: SplitMix64
    var devices: [(House, Device)] = []
    /// Kiosks whose link is down: every request fails.
    var offline: Set<Int> = []
    /// Pushes held back, delivered later in a random order; their answers reach no one.
    var delayed: [(kiosk: Int, request: PushRequest)] = []
    private(set) var faults = 0

    init(central: SimCentral, weather: SimWeather, seed: UInt64) {
        self.central = central
        self.weather = weather
        self.rng = SplitMix64(state: seed)
    }

    func add(_ device: (House, Device)) { devices.append(device) }
    func setOffline(_ kiosk: Int, _ down: Bool) { if down { offline.insert(kiosk) } else { offline.remove(kiosk) } }
    func setWeather(_ weather: SimWeather) { self.weather = weather }

    /// Delivers one held-back push, if any.
    func deliverDelayed() async {
        guard !delayed.isEmpty else { return }
        let (kiosk, request) = delayed.remove(at: rng.below(delayed.count))
        _ = try? await central.service.push(request, device: devices[kiosk].1)
    }

    /// Delivers every held-back push.
    func flush() async { while !delayed.isEmpty { await deliverDelayed() } }

    func push(_ kiosk: Int, _ request: PushRequest) async throws(SyncTransportError) -> PushResponse {
        try beforeDelivery(kiosk)
        if rng.chance(weather.delay) {
            delayed.append((kiosk, request))
            throw fault(.unreachable("timed out"))
        }
        let device = devices[kiosk].1
        var answer = try await deliver { try await $0.push(request, device: device) }
        if rng.chance(weather.duplicate) { answer = try await deliver { try await $0.push(request, device: device) } }
        if rng.chance(weather.serverCrash) {
            try? await central.restart()
            throw fault(.unreachable("connection reset"))
        }
        try afterDelivery()
        return answer
    }

    func changes(_ kiosk: Int, after: String, limit: Int) async throws(SyncTransportError) -> ChangesResponse {
        try beforeDelivery(kiosk)
        let house = devices[kiosk].0
        guard let from = Int64(after) else { throw .refused(status: 400, code: "invalid_parameter", message: "after") }
        // A long-poll answers at once here: the simulation's time is steps, not seconds.
        let answer = try await deliver { try await $0.changes(house: house, after: from, limit: limit, wait: 0) }
        try afterDelivery()
        return answer
    }

    func snapshot(_ kiosk: Int, after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        try beforeDelivery(kiosk)
        let house = devices[kiosk].0
        let answer = try await deliver {
            try await $0.snapshot(house: house, after: after.flatMap { Int64($0) } ?? 0, upto: upto.flatMap { Int64($0) }, limit: limit)
        }
        try afterDelivery()
        return answer
    }

    private func beforeDelivery(_ kiosk: Int) throws(SyncTransportError) {
        if offline.contains(kiosk) { throw fault(.unreachable("no link")) }
        if rng.chance(weather.dropRequest) { throw fault(.unreachable("timed out")) }
        if rng.chance(weather.serverError) { throw fault(.server(status: 500, message: "internal")) }
        if rng.chance(weather.rateLimit) { throw fault(.rateLimited(retryAfterSeconds: rng.int(in: 1...3))) }
    }

    private func afterDelivery() throws(SyncTransportError) {
        if rng.chance(weather.dropResponse) { throw fault(.unreachable("the answer was lost")) }
    }

    private func fault(_ error: SyncTransportError) -> SyncTransportError {
        faults += 1
        return error
    }

    /// Calls the service and maps its errors as the HTTP layer does.
    private func deliver<T>(_ call: (CentralService) async throws -> T) async throws(SyncTransportError) -> T {
        do {
            return try await call(await central.service)
        } catch let error as CentralError {
            switch error.status {
            case 401, 403: throw .unauthorized(error.message)
            case 400..<500: throw .refused(status: error.status, code: error.code, message: error.message)
            default: throw .server(status: error.status, message: error.message)
            }
        } catch {
            throw .server(status: 500, message: "\(error)")
        }
    }
}

/// One kiosk's view of the network.
struct SimTransport: SyncTransport {
    let network: SimNetwork
    let kiosk: Int

    func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse { try await network.push(kiosk, request) }
    func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        try await network.changes(kiosk, after: after, limit: limit)
    }
    func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        try await network.snapshot(kiosk, after: after, upto: upto, limit: limit)
    }
}
