import DonorCore
import Foundation
import SyncWire

/// The volunteers' side of a run: random registrations (some of the same person at two
/// houses, which the centre merges), donations, voids, card activations, and now and then an
/// event the centre rejects alone or refuses with its whole batch.
struct SimWorkload {
    /// Few ID numbers, so two houses often register the same person while offline.
    static let idNumbers: [String] = (1...12).map { n in
        let body = "34052419800101" + String(format: "%03d", n)
        return body + String(ResidentIDChecksum.checkCharacter(forFirst17: body)!)
    }

    var rng: SplitMix64
    var counter = 0
    /// What each event says, read once: events never change, and decoding every held event
    /// before every action would make a run quadratic.
    var parsed: [String: Fact] = [:]

    enum Fact {
        case registration(idNumber: String, donor: String)
        case donation(String, donor: String)
        case void(String)
        case other
    }

    mutating func facts(of e: WireEvent) -> Fact {
        if let known = parsed[e.id] { return known }
        var fact = Fact.other
        switch EventKind(rawValue: e.kind) {
        case .donorRegistered:
            if let p = try? WireCoding.decode(DonorRegisteredPayload.self, from: e.payload), let key = e.donorKey { fact = .registration(idNumber: p.idNumber, donor: key) }
        case .donationRecorded:
            if let p = try? WireCoding.decode(DonationRecordedPayload.self, from: e.payload), let key = e.donorKey { fact = .donation(p.donation, donor: key) }
        case .donationVoided:
            if let p = try? WireCoding.decode(DonationVoidedPayload.self, from: e.payload) { fact = .void(p.donation) }
        default: break
        }
        parsed[e.id] = fact
        return fact
    }

    /// The next event kiosk `kiosk` records, given what it holds; `clockMS` is its (skewed) clock.
    mutating func next(kiosk: Int, house: String, device: String, held: [WireEvent], clockMS: Int64) -> WireEvent {
        counter += 1
        let id = "k\(kiosk)-e\(counter)"
        let hlc = HLC(milliseconds: clockMS, counter: counter % 100_000, node: device).description
        func event<P: Encodable>(_ kind: EventKind, donor: String?, _ payload: P, author: String = "nurse-1") -> WireEvent {
            WireEvent(id: id, kind: kind.rawValue, house: house, device: device, author: author, hlc: hlc, donorKey: donor,
                      payload: try! WireCoding.object(payload))
        }
        var donors: [String: String] = [:]   // id number → donor key, as this kiosk knows them
        var donations: [(donation: String, donor: String)] = [], voided: Set<String> = []
        for e in held {
            switch facts(of: e) {
            case .registration(let number, let key): donors[number] = donors[number] ?? key
            case .donation(let donation, let key): donations.append((donation, key))
            case .void(let donation): voided.insert(donation)
            case .other: break
            }
        }
        let roll = rng.below(100)
        // By ID number, not by key: a real store's keys are random UUIDs, and the pick must not
        // depend on them for a seed to replay.
        let known = donors.keys.sorted().map { donors[$0]! }
        if roll < 35 || known.isEmpty {
            let number = rng.pick(Self.idNumbers)
            if donors[number] == nil {
                let key = "k\(kiosk)-d\(counter)"
                return event(.donorRegistered, donor: key, DonorRegisteredPayload(
                    donor: key, idNumber: number, name: "献血者\(counter)", sex: .male, birthDate: LocalDate(iso: "1980-01-01")!))
            }
        }
        let donor = rng.pick(known)
        let live = donations.filter { !voided.contains($0.donation) }
        if roll >= 70, roll < 80, let target = live.isEmpty ? nil : rng.pick(live) {
            return event(.donationVoided, donor: target.donor, DonationVoidedPayload(donation: target.donation, donor: target.donor, reason: "entered twice"))
        }
        if roll >= 80, roll < 92 {
            return event(.cardActivated, donor: donor, CardActivatedPayload(
                donor: donor, card: rng.chance(0.8) ? .annual : .honour, date: LocalDate(iso: "2026-11-20")!,
                validThrough: LocalDate(iso: "2027-11-19"), tier: "blue"))
        }
        if roll >= 92, roll < 95 {
            // Rejected alone by the centre: a volume the policy does not allow.
            return event(.donationRecorded, donor: donor, DonationRecordedPayload(
                donation: "g-\(id)", donor: donor, facts: DonationFacts(date: LocalDate(iso: "2026-10-01")!, kind: .wholeBlood, volumeML: 450)))
        }
        if roll >= 95, roll < 97 {
            // Refused with its whole batch: a control character in the envelope.
            return event(.donationRecorded, donor: donor, DonationRecordedPayload(
                donation: "g-\(id)", donor: donor, facts: DonationFacts(date: LocalDate(iso: "2026-10-01")!, kind: .wholeBlood, volumeML: 400)),
                author: "nurse\u{7}")
        }
        let date = LocalDate(year: rng.int(in: 2020...2026), month: rng.int(in: 1...10), day: rng.int(in: 1...28))!
        let facts = rng.chance(0.7)
            ? DonationFacts(date: date, kind: .wholeBlood, volumeML: rng.pick([200, 300, 400]))
            : DonationFacts(date: date, kind: .platelets, doses: rng.int(in: 1...2))
        return event(.donationRecorded, donor: donor, DonationRecordedPayload(donation: "g-\(id)", donor: donor, facts: facts))
    }
}
