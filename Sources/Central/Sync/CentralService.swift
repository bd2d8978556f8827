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
    /// Where ingest spends its time (for the benchmark).
    public let profile = IngestProfile()
    let logger: Logger
    /// Serialises "read state, decide, commit" for pushed and centre-made events.
    let gate = SerialGate()
    /// Pushes waiting for the gate, committed together by whoever takes it next.
    let pushes = PushQueue()
    let clock: @Sendable () -> Date
    /// The seed files new kiosks start from (`GET /v1/seed`); nil serves none.
    public let seeds: SeedShelf?

    public init(store: any CentralStore, keys: ServerKeys, policy: Policy, logger: Logger, seeds: SeedShelf? = nil,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.seeds = seeds
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
