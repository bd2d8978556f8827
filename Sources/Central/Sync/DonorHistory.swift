import DonorCore
import SyncWire

/// A donor's facts rebuilt from events alone: donations (corrections applied, voided ones
/// marked), deferrals and the profile the rules read. Cards and counts come from it through
/// DonorCore, so the centre and every house derive the same answers from the same events.
struct DonorHistory: Sendable {
    struct Entry: Sendable {
        var donation: Donation
        var house: String
    }

    var profile: DonorProfile
    var donations: [Entry]
    var deferrals: [Deferral]

    /// The history of `canonical` and every key merged into it.
    static func load(view: IngestView, canonical: String) async throws -> DonorHistory {
        let donorKeys = try await view.donorKeys(canonical: canonical)
        return build(try await view.events(donorKeys: donorKeys.isEmpty ? [canonical] : donorKeys))
    }

    /// Folds events (in sequence order) into a history.
    static func build(_ events: [WireEvent]) -> DonorHistory {
        var profile = DonorProfile(sex: .female, birthDate: LocalDate(year: 1990, month: 1, day: 1)!)
        var donations: [String: Entry] = [:], order: [String] = []
        var deferrals: [String: Deferral] = [:], deferralOrder: [String] = []
        for event in events {
            switch EventKind(rawValue: event.kind) {
            case .donorRegistered:
                if let sex = event.payload.objectValue?["sex"]?.stringValue.flatMap(Sex.init(rawValue:)),
                   let birth = event.payload.objectValue?["birth_date"]?.stringValue.flatMap({ LocalDate(iso: $0) }) {
                    profile = DonorProfile(sex: sex, birthDate: birth)
                }
            case .donationRecorded:
                if let p = try? WireCoding.decode(DonationRecordedPayload.self, from: event.payload), donations[p.donation] == nil {
                    donations[p.donation] = Entry(donation: p.facts.donation(id: p.donation), house: event.house)
                    order.append(p.donation)
                }
            case .donationCorrected:
                if let p = try? WireCoding.decode(DonationCorrectedPayload.self, from: event.payload), let entry = donations[p.donation] {
                    var corrected = p.facts.donation(id: p.donation)
                    corrected.voided = entry.donation.voided
                    donations[p.donation] = Entry(donation: corrected, house: entry.house)
                }
            case .donationVoided:
                if let p = try? WireCoding.decode(DonationVoidedPayload.self, from: event.payload) { donations[p.donation]?.donation.voided = true }
            case .deferralAdded:
                if let p = try? WireCoding.decode(DeferralAddedPayload.self, from: event.payload), deferrals[p.deferral.id] == nil {
                    deferrals[p.deferral.id] = p.deferral
                    deferralOrder.append(p.deferral.id)
                }
            case .deferralLifted:
                if let p = try? WireCoding.decode(DeferralLiftedPayload.self, from: event.payload) { deferrals[p.deferral]?.lifted = true }
            default:
                break
            }
        }
        return DonorHistory(profile: profile, donations: order.compactMap { donations[$0] }, deferrals: deferralOrder.compactMap { deferrals[$0] })
    }

    /// The donations as DonorCore's rules read them.
    var rulesHistory: [Donation] { donations.map(\.donation) }
}
