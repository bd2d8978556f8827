import DonorCore
import TerminalUI

/// Collection: the nurse records one donation for a queued donor. ←/→ choose the volume or
/// doses the policy allows; F6 outcome, F7 reaction category, F8 severity, notes; the bag
/// number is scanned last (format and check character per the policy) and the scan saves.
///
/// The needle times start as the time the screen opened and, left empty, the time it is saved;
/// the nurse corrects either (↑ from the bag field) when the screen was opened late, or opened
/// again after the session locked during a long apheresis: the times are then still true.
public struct CollectionScreen: Sendable {
    /// The form's fields, in the order they are drawn and focused.
    enum Field {
        static let start = 0, end = 1, bag = 2, notes = 3
    }

    public var entry: QueueEntry
    public var amountIndex = 0
    public var outcome: DonationOutcome = .complete
    /// Index into the reaction categories; nil: no reaction.
    public var reactionCategory: Int?
    public var severity: AdverseReaction.Severity = .mild
    public var form: Form
    public var busy = false
    /// A UI string key for the last refusal (a used bag).
    public var errorKey: String?

    public init(entry: QueueEntry, context: ScreenContext) {
        self.entry = entry
        let strings = context.strings
        let rules = context.policy.bags
        let time: @Sendable (String) -> String? = { text in
            text.isEmpty || NeedleTime.normalise(text) != nil ? nil : strings("collection.time_bad")
        }
        form = Form(fields: [
            TextField(label: "", text: context.now, mask: NeedleTime.mask, validator: time),
            TextField(label: "", mask: NeedleTime.mask, placeholder: strings("collection.end_placeholder"), validator: time),
            TextField(label: "", mask: InputMask(maximumLength: 20) { c, _ in c.isASCII && (c.isLetter || c.isNumber || c == "=") ? Character(c.uppercased()) : nil }) { text in
                switch BagNumber.validate(text, rules: rules) {
                case .success: return nil
                case .failure(let rejection): return strings(rejection.messageKey, rejection.values)
                }
            },
            TextField(label: ""),
        ], labelWidth: 14)
        // The bag is what the nurse scans; the times are usually right as they are.
        form.focus(Field.bag)
    }

    /// The needle times to record, or the reason they cannot be: each a time of day, the start
    /// not after the end, neither later than now. An empty end is now.
    func times(_ context: ScreenContext) -> Result<(start: String, end: String), TimeProblem> {
        let endText = form[Field.end].text
        guard let start = NeedleTime.normalise(form[Field.start].text) else { return .failure(.init(field: Field.start, key: "collection.time_bad")) }
        guard let end = endText.isEmpty ? context.now : NeedleTime.normalise(endText) else {
            return .failure(.init(field: Field.end, key: "collection.time_bad"))
        }
        // "HH:MM" strings compare as times on the same day.
        if start > context.now { return .failure(.init(field: Field.start, key: "collection.time_future")) }
        if end > context.now { return .failure(.init(field: Field.end, key: "collection.time_future")) }
        if end < start { return .failure(.init(field: Field.end, key: "collection.time_order")) }
        return .success((start, end))
    }

    /// Why the needle times cannot be recorded: the field to fix and the message.
    struct TimeProblem: Error {
        var field: Int
        var key: String
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
        guard case .success(let bag) = BagNumber.validate(form[Field.bag].text, rules: context.policy.bags),
              case .success(let times) = times(context) else { return nil }
        let amounts = CollectionScreen.amounts(entry.procedure, context.policy)
        let amount = amounts.indices.contains(amountIndex) ? amounts[amountIndex] : nil
        let kind = DonationKind(rawValue: entry.procedure.rawValue) ?? .wholeBlood
        let reaction = reactionCategory.map { index in
            AdverseReaction(category: AdverseReaction.Category.allCases[index], severity: severity,
                            notes: form[Field.notes].text.isEmpty ? nil : form[Field.notes].text)
        }
        return CollectionFacts(
            donorID: entry.donorID, date: context.today, kind: kind,
            volumeML: entry.procedure == .platelets ? nil : amount, doses: entry.procedure == .platelets ? amount : nil,
            bagNumber: bag, started: times.start, ended: times.end, outcome: outcome, reaction: reaction)
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
            form.focus(Field.bag)
            form[Field.bag].setText(text)
            errorKey = nil
            return handle(.key(.enter), context)
        case .key(.enter):
            if case .failure(let problem) = times(context) {
                form.focus(problem.field)
                return .toast(context(problem.key), .error)
            }
            guard let facts = facts(context) else {
                form.focus(Field.bag)
                return .toast(form[Field.bag].validationMessage ?? context("collection.bag_missing"), .error)
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
        [("Enter", "hint.save"), ("←→", "hint.amount"), ("↑", "hint.times"), ("F6", "hint.outcome"), ("F7", "hint.reaction"),
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
        y += 1
        var shown = form
        shown[Field.start].label = context("collection.start")
        shown[Field.end].label = context("collection.end")
        shown[Field.bag].label = context("collection.bag")
        shown[Field.notes].label = context("collection.notes")
        shown.render(in: Rect(x: inner.x, y: y, width: inner.width, height: 8), into: &buffer)
        y += 8
        if let errorKey {
            buffer.write("✗ " + context(errorKey), x: inner.x, y: y, style: Theme.error, maxWidth: inner.width)
        } else if busy {
            buffer.write(context("collection.saving"), x: inner.x, y: y, style: Theme.muted, maxWidth: inner.width)
        }
    }
}
