import DonorCore
import Foundation
import KioskStore
import KioskSync
import Synchronization
import SyncWire

/// A kiosk store on a real SQLite file in a temporary folder, with a clock the test moves.
final class SyncFixture: Sendable {
    let directory: String
    let clock = SettableClock()
    let store: KioskStore

    init(house: String = "house-1") throws {
        directory = NSTemporaryDirectory() + "kiosk-sync-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try KioskStore.open(directory: directory + "/data", keyFile: directory + "/kiosk.key", deviceName: house,
                                    clock: WallClock { [clock] in clock.now })
    }

    var keyFile: String { directory + "/kiosk.key" }
    var dataDirectory: String { directory + "/data" }
    var now: Int64 { clock.now }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// The wall clock the fixture's store reads.
final class SettableClock: Sendable {
    private let millis = Mutex<Int64>(1_780_000_000_000)
    var now: Int64 { millis.withLock { $0 } }
    func set(_ value: Int64) { millis.withLock { $0 = value } }
}

/// Makes the events another house (or the centre, house `central`) pushed, as the centre
/// hands them back in a page: each with a later HLC than the one before.
struct RemoteHouse {
    let house: String
    let device: String
    var milliseconds: Int64
    private var issued = 0

    init(house: String, device: String? = nil, milliseconds: Int64 = 1_780_000_500_000) {
        self.house = house
        self.device = device ?? house + "-kiosk"
        self.milliseconds = milliseconds
    }

    /// The wire form of `payload` made here, with id `"<house>-<n>"` unless given.
    mutating func event(_ payload: EventPayload, id: String? = nil, author: String = "n9") throws -> WireEvent {
        issued += 1
        milliseconds += 1000
        let envelope = EventEnvelope(id: EventID(id ?? "\(house)-\(issued)"),
                                     hlc: HLCTimestamp(milliseconds: milliseconds, counter: 0, device: device),
                                     author: author, device: device, payload: payload)
        return try envelope.wire(house: house)
    }

    /// A registration of a donor born 1990 (young enough for every procedure).
    mutating func register(_ donor: String, idNumber: String, name: String = "李华") throws -> WireEvent {
        try event(.donorRegistered(DonorRegisteredPayload(
            donor: donor, idNumber: idNumber, documentType: .residentID, name: name, sex: .female,
            birthDate: LocalDate(iso: "1990-02-15")!, phone: "13800001111", bloodType: "O+")))
    }

    mutating func donation(_ id: String, donor: String, on date: String, kind: DonationKind = .wholeBlood,
                           bag: String? = nil) throws -> WireEvent {
        try event(.donationRecorded(DonationRecordedPayload(
            donation: id, donor: donor,
            facts: DonationFacts(date: LocalDate(iso: date)!, kind: kind, volumeML: kind == .wholeBlood ? 400 : nil,
                                 doses: kind == .platelets ? 1 : nil, bagNumber: bag))), id: id)
    }
}

/// Numbers the centre gives pages: `seq` in order from `start`.
func page(_ events: [WireEvent], from start: Int64 = 1) -> [SequencedEvent] {
    events.enumerated().map { SequencedEvent(seq: start + Int64($0.offset), event: $0.element) }
}

func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

/// A donor born 1990-02-15 (so age rules pass), registered at this kiosk.
func localDonor(_ store: KioskStore, idNumber: String = "110105199002150023") throws -> DonorID {
    try store.registerDonor(RegistryDonor(idNumber: idNumber, name: "王芳", sex: .female, birthDate: day("1990-02-15"),
                                          phone: "13912345678", bloodType: BloodType("A+")), author: "v1")
}
