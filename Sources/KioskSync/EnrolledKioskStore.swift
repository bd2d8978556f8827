import KioskStore
import SyncWire

/// The kiosk's store as the centre knows it: the same store, with its events named by the device
/// id the centre gave at enrolment.
///
/// The store names its events with the device id it made for itself on first start (its HLC
/// times carry it too, and stay as they are); the centre accepts a push only for the device the
/// credential belongs to. Events recorded before enrolment then go out under the enrolled id.
public struct EnrolledKioskStore: SyncLocalStore {
    public let store: KioskStore
    /// `DeviceCredential.deviceID`.
    public let deviceID: String

    public init(store: KioskStore, credential: DeviceCredential) {
        self.store = store
        self.deviceID = credential.deviceID
    }

    public func pendingEvents(limit: Int) async throws -> [WireEvent] {
        try await store.pendingEvents(limit: limit).map { event in
            var named = event
            named.device = deviceID
            return named
        }
    }

    public func pendingCount() async throws -> Int { try await store.pendingCount() }

    public func acknowledge(_ results: [PushResult]) async throws { try await store.acknowledge(results) }

    public func apply(_ events: [SequencedEvent], position: SyncPosition) async throws -> AppliedPage {
        try await store.apply(events, position: position)
    }

    public func prepare(_ events: [SequencedEvent]) async throws -> PreparedPage { try await store.prepare(events) }

    public func apply(_ page: PreparedPage, position: SyncPosition) async throws -> AppliedPage {
        try await store.apply(page, position: position)
    }

    public func position() async throws -> SyncPosition { try await store.position() }
}
