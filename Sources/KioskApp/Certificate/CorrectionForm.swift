import DonorCore
import TerminalUI

/// The supervisor's correction panel on the certificate screen (F8): ←/→ the amount the policy
/// allows for the donation's procedure, F6 the outcome, a written reason, Enter saves.
///
/// It starts from the donation as recorded, so a supervisor changes only what was wrong.
public struct CorrectionForm: Sendable {
    public let donation: Donation
    public let donorID: String
    public var amountIndex: Int
    public var outcome: DonationOutcome
    public var reason: TextField

    public init(donation: Donation, donorID: String, policy: Policy) {
        self.donation = donation
        self.donorID = donorID
        let amounts = Self.amounts(donation, policy)
        let recorded = donation.kind == .platelets ? donation.doses : donation.volumeML
        amountIndex = recorded.flatMap { amounts.firstIndex(of: $0) } ?? 0
        outcome = donation.outcome
        reason = TextField(label: "")
        reason.isFocused = true
    }

    /// The amounts the policy allows for the donation's procedure.
    static func amounts(_ donation: Donation, _ policy: Policy) -> [Int] {
        CollectionScreen.amounts(donation.kind.procedure ?? .wholeBlood, policy)
    }

    /// What happens after a key: nothing yet, cancelled, or a correction to save.
    public enum Outcome: Sendable {
        case editing
        case cancelled
        case save(DonationCorrection)
        case reasonMissing
    }

    /// Applies a key to the panel.
    public mutating func handle(_ event: InputEvent, _ policy: Policy) -> Outcome {
        let amounts = Self.amounts(donation, policy)
        switch event {
        case .key(.escape): return .cancelled
        case .key(.left): amountIndex = max(0, amountIndex - 1)
        case .key(.right): amountIndex = min(max(0, amounts.count - 1), amountIndex + 1)
        case .key(.function(6)):
            let all = DonationOutcome.allCases
            outcome = all[((all.firstIndex(of: outcome) ?? 0) + 1) % all.count]
        case .key(.enter):
            let written = reason.text.trimmingCharacters(in: .whitespaces)
            guard !written.isEmpty else { return .reasonMissing }
            let amount = amounts.indices.contains(amountIndex) ? amounts[amountIndex] : nil
            let platelets = donation.kind == .platelets
            return .save(DonationCorrection(
                donationID: donation.id, donorID: donorID, volumeML: platelets ? nil : amount,
                doses: platelets ? amount : nil, outcome: outcome, reason: written))
        default:
            reason.handle(event)
        }
        return .editing
    }

    /// Draws the panel from row `y` of `inner`; returns the row after it.
    func view(in inner: Rect, from y: Int, into buffer: inout Buffer, _ context: ScreenContext) -> Int {
        var y = y
        func row(_ label: String, _ value: String, _ style: Style) {
            guard y < inner.bottom else { return }
            buffer.write(label, x: inner.x, y: y, style: Theme.title, maxWidth: 13)
            buffer.write(value, x: inner.x + 14, y: y, style: style, maxWidth: max(1, inner.width - 14))
            y += 1
        }
        let procedure = context("procedure.\(donation.kind.rawValue)")
        if y < inner.bottom {
            buffer.write(context("correct.title", ["date": donation.date.iso, "procedure": procedure]),
                         x: inner.x, y: y, style: Theme.highlight, maxWidth: inner.width)
            y += 1
        }
        let procedureKind = donation.kind.procedure ?? .wholeBlood
        let choices = Self.amounts(donation, context.policy).enumerated().map { index, amount -> String in
            let text = CollectionScreen.amountText(amount, procedureKind, context)
            return index == amountIndex ? "[\(text)]" : " \(text) "
        }.joined(separator: " ")
        row(context("collection.amount"), choices, Theme.highlight)
        row(context("collection.outcome"), context("outcome.\(outcome.rawValue)"), Theme.normal)
        if y < inner.bottom {
            buffer.write(context("correct.reason"), x: inner.x, y: y, style: Theme.title, maxWidth: 13)
            reason.render(in: Rect(x: inner.x + 14, y: y, width: max(1, min(30, inner.width - 14)), height: 1), into: &buffer)
            y += 1
        }
        return y
    }
}
