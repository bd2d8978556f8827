import DonorCore
import Foundation
import SyncWire

/// The synthetic city as the centre holds it after years of use: each donor's registration,
/// donations and deferrals as the events a house pushed (`donor.registered`,
/// `donation.recorded`, `deferral.added`), with UUID ids and keys as a kiosk makes them.
///
/// The city's generator gives about four donations per donor; `donationsPerDonor` caps the
/// running total so a run of N donors carries N × that many (the 1,000,000 donors and
/// 3,000,000 donations). Voided donations are kept as plain ones (a void is a second event).
struct CityEvents {
    let city: SyntheticCity
    let donationsPerDonor: Double
    /// The house and device the events are said to come from (not the kiosk being measured).
    let house: String
    let device: String
    /// The HLC time of the first event; each next event is one millisecond later.
    let startMilliseconds: Int64
    private(set) var donationsKept = 0
    private(set) var eventsMade = 0

    init(city: SyntheticCity, donationsPerDonor: Double, house: String, device: String, startMilliseconds: Int64) {
        self.city = city
        self.donationsPerDonor = donationsPerDonor
        self.house = house
        self.device = device
        self.startMilliseconds = startMilliseconds
    }

    /// The donors at `range`, their histories capped, and their events in order.
    mutating func chunk(_ range: Range<Int>) throws -> (donors: [RegistryDonor], events: [WireEvent]) {
        var donors: [RegistryDonor] = [], events: [WireEvent] = []
        for index in range {
            var donor = city.donor(at: index)
            let allowed = Int(Double(index + 1) * donationsPerDonor) - donationsKept
            donor.history = Array(donor.history.prefix(max(0, allowed))).map { donation in
                var kept = donation
                kept.voided = false
                if kept.id.isEmpty { kept.id = UUID().uuidString.lowercased() }
                return kept
            }
            donationsKept += donor.history.count
            donors.append(donor)
            events += try self.events(of: donor)
        }
        return (donors, events)
    }

    private mutating func events(of donor: RegistryDonor) throws -> [WireEvent] {
        let key = UUID().uuidString.lowercased()
        var events = [try event(.donorRegistered, key: key, DonorRegisteredPayload(
            donor: key, idNumber: donor.idNumber, documentType: donor.documentType, name: donor.name, sex: donor.sex,
            birthDate: donor.birthDate, phone: donor.phone, bloodType: donor.bloodType?.description))]
        for d in donor.history {
            events.append(try event(.donationRecorded, key: key, DonationRecordedPayload(
                donation: d.id, donor: key, facts: DonationFacts(date: d.date, kind: d.kind, volumeML: d.volumeML, doses: d.doses,
                                                                outcome: d.outcome, region: d.region, reaction: d.reaction))))
        }
        for d in donor.deferrals {
            var deferral = d
            if deferral.id.isEmpty { deferral.id = UUID().uuidString.lowercased() }
            events.append(try event(.deferralAdded, key: key, DeferralAddedPayload(donor: key, deferral: deferral)))
        }
        return events
    }

    private mutating func event<P: Encodable>(_ kind: EventKind, key: String, _ payload: P) throws -> WireEvent {
        eventsMade += 1
        return WireEvent(id: UUID().uuidString.lowercased(), kind: kind.rawValue, house: house, device: device, author: "registry",
                         hlc: HLC(milliseconds: startMilliseconds + Int64(eventsMade), node: device).description,
                         donorKey: key, payload: try WireCoding.object(payload))
    }
}
