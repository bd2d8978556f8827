import DonorCore
import TerminalUI

/// The donor self-service screen: the attract screen, the ID number and a second factor, the
/// donor's own page, the pre-check-in questionnaire one question at a time, and the ticket.
///
/// It holds one donor at most, and `SelfServiceScreen()` holds none: the idle time-out and the
/// done key (Esc) replace it with a fresh one. No key leaves it except a staff number and PIN
/// behind the hidden key (Ctrl-S).
public struct SelfServiceScreen: Sendable {
    /// Where the donor is.
    public enum Step: Sendable, Hashable {
        case attract
        /// The ID number was given; the second factor is asked.
        case factor(SecondFactor)
        /// The donor's page; `tab` 0 is the summary and QR code, 1 the benefits, 2 the history.
        case page(tab: Int)
        /// The questionnaire's question at `index`.
        case question(index: Int)
        /// Answers saved: the ticket, or a kind deferral.
        case finished
        /// Staff number then PIN, to leave the self-service mode.
        case staff
    }

    public var step: Step = .attract
    /// What the donor types on this step (ID number, second factor, staff number or PIN).
    public var field = SelfServiceScreen.idField()
    /// The ID number given on the attract screen, until the wipe.
    public var idNumber = ""
    /// The verified donor.
    public var record: DonorRecord?
    /// The QR code of their activated card.
    public var signed: SignedCard?
    public var answers: [String: Bool] = [:]
    public var ticket: QueueEntry?
    /// The staff number typed before the PIN.
    public var staffNumber: String?
    /// A call is under way: keys are dropped (a donor's keys are never replayed elsewhere).
    public var busy = false
    /// A sentence for the donor (UI string key and values), shown under the field.
    public var notice: Notice?
    /// Which benefit line the attract screen shows; moved on by the clock.
    public var rotation = 0

    /// A UI string key with values, and whether it is bad news.
    public struct Notice: Sendable, Hashable {
        public var key: String
        public var values: [String: String]
        public var isError: Bool
        public init(_ key: String, _ values: [String: String] = [:], isError: Bool = true) {
            self.key = key
            self.values = values
            self.isError = isError
        }
    }

    /// A screen holding nothing of anyone.
    public init() {}

    static func idField() -> TextField {
        var field = TextField(mask: .idNumber)
        field.isFocused = true
        return field
    }

    static func digitsField(_ count: Int) -> TextField {
        var field = TextField(mask: .digits(count))
        field.isFocused = true
        return field
    }

    /// Applies a key (or scan) and says what the app should do next. Every key lands here while
    /// the screen is on show: none is passed on.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> SelfServiceIntent {
        // While a call is out, keys are dropped (a wrong answer must not be typed twice), but
        // Esc still wipes: a donor who walks away mid-check leaves nothing behind.
        if busy { return event == .key(.escape) ? .wipe : .none }
        if case .key(.ctrl("s")) = event, step != .staff {
            step = .staff
            staffNumber = nil
            field = Self.digitsField(8)
            notice = Notice("selfservice.staff.number", isError: false)
            return .none
        }
        if case .key(.function(12)) = event { return .toggleLanguage }
        if case .text(let text) = event, case .question = step {
            // Answers typed faster than the screen reads arrive together: each is one answer.
            for character in text {
                let intent = handle(.key(.character(character)), context)
                if case .none = intent { continue }
                return intent
            }
            return .none
        }
        switch step {
        case .attract: return handleAttract(event, context)
        case .factor: return handleFactor(event, context)
        case .page(let tab): return handlePage(event, tab: tab, context)
        case .question(let index): return handleQuestion(event, index: index, context)
        case .finished: return event == .key(.escape) || event == .key(.enter) ? .wipe : .none
        case .staff: return handleStaff(event)
        }
    }

    mutating func handleAttract(_ event: InputEvent, _ context: ScreenContext) -> SelfServiceIntent {
        switch event {
        case .scan(let text):
            field.setText(text)
            return submitID(context)
        case .key(.enter):
            return submitID(context)
        case .key(.escape):
            return .wipe
        default:
            _ = field.handle(event)
            notice = nil
            return .none
        }
    }

    mutating func submitID(_ context: ScreenContext) -> SelfServiceIntent {
        let number = field.text
        guard !number.isEmpty else { return .none }
        if case .failure(let rejection) = IdentityParser.parseResidentID(number, today: context.today) {
            notice = Notice("selfservice.id_invalid", ["why": rejection.message(in: context.strings.isChinese ? .zhHans : .en)])
            return .none
        }
        idNumber = number
        busy = true
        notice = nil
        return .askFactor(idNumber: number)
    }

    mutating func handleFactor(_ event: InputEvent, _ context: ScreenContext) -> SelfServiceIntent {
        switch event {
        case .key(.escape): return .wipe
        case .scan(let text) where text.count > (field.mask.maximumLength ?? 8):
            // An ID card scanned again (or another donor's): start over with that number rather
            // than spend a verification attempt on its first digits.
            step = .attract
            field = Self.idField()
            field.setText(text)
            return submitID(context)
        case .key(.enter), .scan:
            if case .scan(let text) = event { field.setText(text) }
            guard !field.text.isEmpty else { return .none }
            busy = true
            notice = Notice("selfservice.checking", isError: false)
            return .verify(idNumber: idNumber, answer: field.text)
        default:
            _ = field.handle(event)
            return .none
        }
    }

    mutating func handlePage(_ event: InputEvent, tab: Int, _ context: ScreenContext) -> SelfServiceIntent {
        switch event {
        case .key(.escape): return .wipe
        case .key(.right), .key(.tab), .key(.pageDown): step = .page(tab: (tab + 1) % 3)
        case .key(.left), .key(.backTab), .key(.pageUp): step = .page(tab: (tab + 2) % 3)
        case .key(.enter):
            guard !context.policy.questionnaire.questions.isEmpty else { return .none }
            answers = [:]
            step = .question(index: 0)
        default: break
        }
        return .none
    }

    mutating func handleQuestion(_ event: InputEvent, index: Int, _ context: ScreenContext) -> SelfServiceIntent {
        let questions = context.policy.questionnaire.questions
        guard questions.indices.contains(index), let record else { return .none }
        let answer: Bool
        switch event {
        case .key(.escape): return .wipe
        case .key(.backspace), .key(.up), .key(.left):
            step = index == 0 ? .page(tab: 0) : .question(index: index - 1)
            return .none
        case .key(.character("1")), .key(.character("y")), .key(.character("Y")): answer = true
        case .key(.character("0")), .key(.character("n")), .key(.character("N")): answer = false
        default: return .none
        }
        answers[questions[index].id] = answer
        guard index + 1 == questions.count else {
            step = .question(index: index + 1)
            return .none
        }
        busy = true
        return .preCheckIn(donorID: record.id, answers: QuestionnaireAnswers(date: context.today, answers: answers),
                           ticket: Self.deferrals(record, answers, context).isEmpty)
    }

    mutating func handleStaff(_ event: InputEvent) -> SelfServiceIntent {
        switch event {
        case .key(.escape): return .wipe
        case .key(.enter), .scan:
            // A PIN typed fast with its Enter arrives as one burst.
            if case .scan(let text) = event { field.setText(text) }
            guard !field.text.isEmpty else { return .none }
            guard let number = staffNumber else {
                staffNumber = field.text
                field = Self.digitsField(8)
                notice = Notice("selfservice.staff.pin", isError: false)
                return .none
            }
            busy = true
            return .staffSignIn(number: number, pin: field.text)
        default:
            _ = field.handle(event)
            return .none
        }
    }

    /// What today's answers would defer, as the eligibility engine says (procedure-independent
    /// rules only: questions whose rule applies to any procedure).
    static func deferrals(_ record: DonorRecord, _ answers: [String: Bool], _ context: ScreenContext) -> [RuleFinding] {
        let donor = record.donor
        let decision = EligibilityEngine.decide(EligibilityInput(
            donor: donor.profile, history: [], deferrals: [],
            answers: QuestionnaireAnswers(date: context.today, answers: answers), vitals: Vitals(),
            procedure: .wholeBlood, date: context.today), policy: context.policy)
        return decision.failures.filter { $0.code == RuleCode.questionnaireDeferral || $0.values["source"] == Deferral.Source.questionnaire.rawValue }
    }
}

/// What the self-service screen asks the app to do.
public enum SelfServiceIntent: Sendable {
    case none
    case toggleLanguage
    /// Forget everything and show the attract screen.
    case wipe
    case askFactor(idNumber: String)
    case verify(idNumber: String, answer: String)
    case preCheckIn(donorID: String, answers: QuestionnaireAnswers, ticket: Bool)
    case staffSignIn(number: String, pin: String)
}
