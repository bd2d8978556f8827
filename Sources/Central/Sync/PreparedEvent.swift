import SyncWire

/// A pushed event with the work that needs no state done before it queues for the single
/// writer, in the pushing caller's task: the payload sealed as it will be stored (AES-GCM) and
/// the blind index (HMAC) of the ID number a registration carries. Behind the writer only the
/// decisions that read the registry remain.
struct PreparedEvent: Sendable {
    let event: WireEvent
    /// `event` as it is stored, its personal fields sealed (a failure is thrown where the plan
    /// needs the sealed event, as when sealing happened there).
    let sealed: Result<WireEvent, any Error>
    /// The blind index of the ID number of a `donor.registered` event; nil for other kinds.
    let idHash: String?

    init(_ event: WireEvent, keys: ServerKeys) {
        self.event = event
        sealed = Result {
            var copy = event
            copy.payload = try PayloadSealer.seal(event.payload, keys: keys)
            return copy
        }
        if event.kind == EventKind.donorRegistered.rawValue, let number = event.payload.objectValue?["id_number"]?.stringValue {
            idHash = keys.idHash(number)
        } else {
            idHash = nil
        }
    }
}
