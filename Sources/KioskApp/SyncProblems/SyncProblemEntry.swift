import DonorCore
import KioskStore

/// One of this kiosk's events the centre refused or flagged for review, as the supervisor's
/// sync-problems screen shows it: already resolved to names, masked numbers and dates, so the
/// screen only chooses words.
public struct SyncProblemEntry: Sendable, Hashable {
    /// What the centre said: refused with its code and message (the message is shown when the
    /// kiosk has no sentence for the code), or accepted with review flags. The store's type.
    public typealias Verdict = EventForReview.Verdict

    /// The event kind as the wire names it ("donation.recorded").
    public var kind: String
    /// The day the event is about: a donation's date, else the day it was written (house time).
    public var date: LocalDate
    /// For donation events: what was given (kind and amount).
    public var donation: Donation?
    /// The donor's name and masked ID number; nil for an event without a donor.
    public var donorName: String?
    public var maskedID: String?
    /// Who wrote it: the staff member's name, or their number when the kiosk no longer knows it.
    public var author: String
    public var verdict: Verdict

    public init(kind: String, date: LocalDate, donation: Donation? = nil, donorName: String?, maskedID: String?,
                author: String, verdict: Verdict) {
        self.kind = kind
        self.date = date
        self.donation = donation
        self.donorName = donorName
        self.maskedID = maskedID
        self.author = author
        self.verdict = verdict
    }
}

/// The plain words for a sync problem in the UI's language.
struct SyncProblemText {
    let context: ScreenContext

    /// "2026-05-01 献血 全血 400 ml · 王小明 1101**********002X · 李护士".
    func summary(_ entry: SyncProblemEntry) -> String {
        var what = "\(entry.date.iso) " + kindName(entry.kind)
        if let donation = entry.donation {
            what += " " + context("procedure.\(donation.kind.rawValue)")
            if let amount = amount(donation) { what += " " + amount }
        }
        var parts = [what]
        if let name = entry.donorName { parts.append([name, entry.maskedID].compactMap { $0 }.joined(separator: " ")) }
        parts.append(entry.author)
        return parts.joined(separator: " · ")
    }

    /// The centre's verdict as a sentence: a known code's own sentence, else the centre's
    /// message (a rejection) or the flag's code (a flag the kiosk does not know yet).
    func verdict(_ entry: SyncProblemEntry) -> String {
        switch entry.verdict {
        case .rejected(let code, let message):
            if let code, context.strings.has("problems.reason.\(code)") {
                return context("problems.rejected", ["reason": context("problems.reason.\(code)")])
            }
            return context("problems.rejected", ["reason": message.isEmpty ? (code ?? "?") : message])
        case .flagged(let flags):
            let sentences = flags.map { flag in
                context.strings.has("problems.flag.\(flag)") ? context("problems.flag.\(flag)") : flag
            }
            return context("problems.flagged", ["reason": sentences.joined(separator: context("problems.separator"))])
        }
    }

    /// "献血" for "donation.recorded"; the kind itself when the kiosk has no word for it.
    func kindName(_ kind: String) -> String {
        let key = "problems.kind." + kind.replacingOccurrences(of: ".", with: "_")
        return context.strings.has(key) ? context(key) : kind
    }

    func amount(_ donation: Donation) -> String? {
        if let ml = donation.volumeML { return "\(ml) ml" }
        return donation.doses.map { context("collection.doses_n", ["n": "\($0)"]) }
    }
}
