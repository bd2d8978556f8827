import DonorCore
import TerminalUI

/// Collection: the nurse records one donation for a queued donor. ←/→ choose the volume or
/// doses the policy allows; F6 outcome, F7 reaction category, F8 severity, notes; the bag
/// number is scanned last (format and check character per the policy) and the scan saves. The needle-in
/// time is when the screen opened, the needle-out time when it is saved.
public struct CollectionScreen: Sendable {
    public var entry: QueueEntry
    public var amountIndex = 0
    public var outcome: DonationOutcome = .complete
    /// Index into the reaction categories; nil: no reaction.
    public var reactionCategory: Int?
    public var severity: AdverseReaction.Severity = .mild
    public var form: Form
    public var started: String
    public var busy = false
    /// A UI string key for the last refusal (a used bag).
    public var errorKey: String?

    public init(entry: QueueEntry, context: ScreenContext) {
        self.entry = entry
        self.started = context.now
        let strings = context.strings
        let rules = context.policy.bags
        form = Form(fields: [
            TextField(label: "", mask: InputMask(maximumLength: 20) { c, _ in c.isASCII && (c.isLetter || c.isNumber || c == "=") ? Character(c.uppercased()) : nil }) { text in
                switch BagNumber.validate(text, rules: rules) {
                case .success: return nil
                case .failure(let rejection): return strings(rejection.messageKey, rejection.values)
                }
            },
            TextField(label: ""),
        ], labelWidth: 14)
    }

    /// The amounts the policy allows for the queued procedure: millilitres or doses.
    static func amounts(_ procedure: Procedure, _ policy: Policy) -> [Int] {
        switch procedure {
        case .wholeBlood: return policy.procedures.wholeBloodVolumesML
        case .platelets: return policy.procedures.plateletDoses
        case .plasma: return policy.procedures.plasmaVolumesML
        }
    }

    /// "400 ml" or "2 个治疗量".
    static func amountText(_ amount: Int, _ procedure: Procedure, _ context: ScreenContext) -> String {
        procedure == .platelets ? context("collection.doses_n", ["n": "\(amount)"]) : "\(amount) ml"
    }

    /// The facts to record, or nil while the bag number is not valid.
    func facts(_ context: ScreenContext) -> CollectionFacts? {
        guard case .success(let bag) = BagNumber.validate(form[0].text, rules: context.policy.bags) else { return nil }
        let amounts = CollectionScreen.amounts(entry.procedure, context.policy)
        let amount = amounts.indices.contains(amountIndex) ? amounts[amountIndex] : nil
        let kind = DonationKind(rawValue: entry.procedure.rawValue) ?? .wholeBlood
        let reaction = reactionCategory.map { index in
            AdverseReaction(category: AdverseReaction.Category.allCases[index], severity: severity,
                            notes: form[1].text.isEmpty ? nil : form[1].text)
        }
        return CollectionFacts(
            donorID: entry.donorID, date: context.today, kind: kind,
            volumeML: entry.procedure == .platelets ? nil : amount, doses: entry.procedure == .platelets ? amount : nil,
            bagNumber: bag, started: started, ended: context.now, outcome: outcome, reaction: reaction)
    }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        let amounts = CollectionScreen.amounts(entry.procedure, context.policy)
        switch event {
        case .key(.escape): return .home
        case .key(.left): amountIndex = max(0, amountIndex - 1)
        case .key(.right): amountIndex = min(max(0, amounts.count - 1), amountIndex + 1)
        case .key(.function(6)):
            let all = DonationOutcome.allCases
            outcome = all[((all.firstIndex(of: outcome) ?? 0) + 1) % all.count]
        case .key(.function(7)):
            let count = AdverseReaction.Category.allCases.count
            reactionCategory = reactionCategory.map { $0 + 1 < count ? $0 + 1 : nil } ?? 0
        case .key(.function(8)):
            let all = AdverseReaction.Severity.allCases
            severity = all[((all.firstIndex(of: severity) ?? 0) + 1) % all.count]
        case .scan(let text):
            // The bag is scanned last: the scanner's Enter saves, exactly as typing it and
            // pressing Enter would, so a burst split by a slow machine behaves the same.
            form.focus(0)
            form[0].setText(text)
            errorKey = nil
            return handle(.key(.enter), context)
        case .key(.enter):
            guard let facts = facts(context) else {
                form.focus(0)
                return .toast(form[0].validationMessage ?? context("collection.bag_missing"), .error)
            }
            busy = true
            errorKey = nil
            return .recordDonation(facts)
        default:
            errorKey = nil
            form.handle(event)
        }
        return .none
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        [("Enter", "hint.save"), ("←→", "hint.amount"), ("F6", "hint.outcome"), ("F7", "hint.reaction"),
         ("F8", "hint.severity"), ("Esc", "hint.back"), ("F12", "hint.language")]
    }

    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let block = Block(title: context("collection.title", ["ticket": HomeScreen.ticket(entry.number), "name": entry.name]))
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        var y = inner.y
        func line(_ label: String, _ value: String, _ style: Style = Theme.normal) {
            guard y < inner.bottom else { return }
            buffer.write(label, x: inner.x, y: y, style: Theme.title, maxWidth: 13)
            buffer.write(value, x: inner.x + 14, y: y, style: style, maxWidth: inner.width - 14)
            y += 1
        }
        line(context("collection.donor"), "\(entry.name)  \(entry.maskedID)")
        line(context("collection.procedure"), context.text.procedure(entry.procedure))
        let amounts = CollectionScreen.amounts(entry.procedure, context.policy)
        let choices = amounts.enumerated().map { index, amount -> String in
            let text = CollectionScreen.amountText(amount, entry.procedure, context)
            return index == amountIndex ? "[\(text)]" : " \(text) "
        }.joined(separator: " ")
        line(context("collection.amount"), choices, Theme.highlight)
        line(context("collection.outcome"), context("outcome.\(outcome.rawValue)"))
        let reaction = reactionCategory.map { index -> String in
            let category = AdverseReaction.Category.allCases[index]
            return context("reaction.\(category.rawValue)") + " · " + context("severity.\(severity.rawValue)")
        } ?? context("reaction.none")
        line(context("collection.reaction"), reaction, reactionCategory == nil ? Theme.normal : Theme.error)
        line(context("collection.times"), context("collection.times_value", ["start": started, "end": context.now]))
        y += 1
        var shown = form
        shown[0].label = context("collection.bag")
        shown[1].label = context("collection.notes")
        shown.render(in: Rect(x: inner.x, y: y, width: inner.width, height: 4), into: &buffer)
        y += 4
        if let errorKey {
            buffer.write("✗ " + context(errorKey), x: inner.x, y: y, style: Theme.error, maxWidth: inner.width)
        } else if busy {
            buffer.write(context("collection.saving"), x: inner.x, y: y, style: Theme.muted, maxWidth: inner.width)
        }
    }
}
