import DonorCore
import SyncWire

/// What a holder of events derives from them, through DonorCore's own rules: per person (after
/// merges) the donations, counts, card and tier, and the activations. Two holders with the same
/// events derive equal ledgers; the simulation asserts every kiosk and the centre do.
struct Ledger: Equatable, CustomStringConvertible {
    struct Person: Equatable {
        var donations: Set<String> = []
        var voided: Set<String> = []
        var counts = CountValue.zero
        var card: CardKind?
        var tier: String?
        var activations: Set<String> = []
    }

    var people: [String: Person] = [:]

    init(_ events: [WireEvent], policy: Policy, on date: LocalDate) {
        var mergedInto: [String: String] = [:]
        for event in events where event.kind == EventKind.donorMerged.rawValue {
            if let p = try? WireCoding.decode(DonorMergedPayload.self, from: event.payload) { mergedInto[p.source] = p.target }
        }
        func canonical(_ key: String) -> String {
            var key = key
            for _ in 0..<64 { guard let next = mergedInto[key] else { break }; key = next }
            return key
        }
        var facts: [String: (owner: String, donation: Donation)] = [:]
        var voided: Set<String> = []
        for event in events {
            guard let key = event.donorKey else { continue }
            let owner = canonical(key)
            switch EventKind(rawValue: event.kind) {
            case .donorRegistered:
                if people[owner] == nil { people[owner] = Person() }
            case .donationRecorded:
                if let p = try? WireCoding.decode(DonationRecordedPayload.self, from: event.payload), facts[p.donation] == nil {
                    facts[p.donation] = (owner, p.facts.donation(id: p.donation))
                }
            case .donationVoided:
                if let p = try? WireCoding.decode(DonationVoidedPayload.self, from: event.payload) { voided.insert(p.donation) }
            case .cardActivated:
                people[owner, default: Person()].activations.insert(event.id)
            default:
                break
            }
        }
        var histories: [String: [Donation]] = [:]
        for (id, entry) in facts {
            var donation = entry.donation
            donation.voided = voided.contains(id)
            histories[entry.owner, default: []].append(donation)
            people[entry.owner, default: Person()].donations.insert(id)
            if donation.voided { people[entry.owner, default: Person()].voided.insert(id) }
        }
        for (owner, history) in histories {
            let live = history.filter { !$0.voided }
            people[owner, default: Person()].counts = CountCalculator.total(live, policy: policy)
            let status = CardStatus(history: history, on: date, policy: policy)
            people[owner, default: Person()].card = status.effective
            people[owner, default: Person()].tier = status.tier?.id
        }
    }

    var description: String {
        people.keys.sorted().map { key in
            let p = people[key]!
            return "\(key): \(p.donations.count) donations (\(p.voided.count) void), \(p.counts) counts, \(p.card?.rawValue ?? "no card") \(p.tier ?? "-"), \(p.activations.count) activations"
        }.joined(separator: "\n")
    }
}
