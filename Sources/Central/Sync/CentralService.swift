import DonorCore
import Foundation
import Logging
import SyncWire

/// The centre's behaviour behind the HTTP routes and the admin commands: ingest (the single
/// writer), pulls, enrolment, verification and lab deferrals. Storage is any `CentralStore`.
public final class CentralService: Sendable {
    public let store: any CentralStore
    public let keys: ServerKeys
    public let policy: Policy
    public let notifier = ChangeNotifier()
    public let metrics = Metrics()
    let logger: Logger
    /// Serialises "read state, decide, commit" for pushed and centre-made events.
    let gate = SerialGate()
    let clock: @Sendable () -> Date

    public init(store: any CentralStore, keys: ServerKeys, policy: Policy, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.keys = keys
        self.policy = policy
        self.logger = logger
        self.clock = clock
    }

    /// The city this centre serves (the policy's region); houses default to it.
    public var city: String { policy.region }
    /// Seconds since 1970, now.
    public var now: Int64 { Int64(clock().timeIntervalSince1970) }
    /// The centre's calendar date, in the policy's time zone (never UTC).
    public var today: LocalDate {
        LocalDate(clock(), in: TimeZone(identifier: policy.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!)
    }

    /// The kinds a house receives when it pulls.
    static let sharedKinds = EventKind.allCases.filter(\.isShared).map(\.rawValue)

    // MARK: Push

    /// Ingests a pushed batch: request-level checks first (a failure changes nothing), then an
    /// answer per event. The same event id twice has one effect.
    public func push(_ request: PushRequest, device: Device) async throws -> PushResponse {
        try EnvelopeCheck.check(request, device: device)
        var results: [PushResult] = []
        for event in request.events {
            results.append(try await ingest(event))
        }
        try await store.touchHouse(id: device.house, at: now)
        await metrics.count(results)
        if results.contains(where: { $0.status == .accepted }) { await notifier.notify() }
        logger.info("push", metadata: [
            "house": .string(device.house), "device": .string(device.id), "events": .stringConvertible(results.count),
            "accepted": .stringConvertible(results.filter { $0.status == .accepted }.count),
        ])
        return PushResponse(results: results)
    }

    /// One event: duplicate, accepted (with any review flags) or rejected into the quarantine.
    func ingest(_ event: WireEvent) async throws -> PushResult {
        try await gate.run {
            if try await self.store.event(id: event.id) != nil { return PushResult(id: event.id, status: .duplicate) }
            if let kept = try await self.store.quarantined(eventID: event.id) {
                return PushResult(id: event.id, status: .rejected, reason: WireErrorDetail(code: kept.code, message: kept.message))
            }
            do {
                let batch = try await self.plan(event)
                do {
                    try await self.store.commit(batch)
                } catch let error as StoreError where error.code == .conflict {
                    // Another server process stored it between our check and our commit.
                    return PushResult(id: event.id, status: .duplicate)
                }
                return PushResult(id: event.id, status: .accepted, flags: batch.flags.map(\.kind))
            } catch let rejection as CentralError {
                let sealed = WireEvent(id: event.id, kind: event.kind, house: event.house, device: event.device, author: event.author,
                                       hlc: event.hlc, donorKey: event.donorKey, payload: (try? PayloadSealer.seal(event.payload, keys: self.keys)) ?? .null)
                try await self.store.quarantine(QuarantinedEvent(
                    eventID: event.id, house: event.house, device: event.device, kind: event.kind, code: rejection.code,
                    message: rejection.message, body: try StoreCoding.json(sealed), receivedAt: self.now))
                return PushResult(id: event.id, status: .rejected, reason: rejection.detail)
            }
        }
    }

    /// Commits an event the centre makes itself (a lab deferral), through the same gate.
    func commitCentral(_ event: WireEvent) async throws -> Int64 {
        try await gate.run {
            var batch = WriteBatch(receivedAt: self.now)
            batch.events = [(try self.sealed(event), self.city)]
            let seqs = try await self.store.commit(batch)
            await self.notifier.notify()
            return seqs[0]
        }
    }

    /// The event with its personal fields sealed, as it is stored.
    func sealed(_ event: WireEvent) throws -> WireEvent {
        var copy = event
        copy.payload = try PayloadSealer.seal(event.payload, keys: keys)
        return copy
    }

    /// A new event made by the centre, stamped with the centre's clock.
    func centralEvent<P: Encodable>(_ kind: EventKind, donorKey: String?, author: String, payload: P) throws -> WireEvent {
        let ms = Int64(clock().timeIntervalSince1970 * 1000)
        return WireEvent(id: UUID().uuidString.lowercased(), kind: kind.rawValue, house: EventKind.centralHouse,
                         device: EventKind.centralHouse, author: author,
                         hlc: HLC(milliseconds: ms, counter: 0, node: EventKind.centralHouse).description,
                         donorKey: donorKey, payload: try WireCoding.object(payload))
    }
}
