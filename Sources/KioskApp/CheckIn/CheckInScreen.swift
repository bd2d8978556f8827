import DonorCore
import TerminalUI

/// Check-in: the ID number scanned or typed (checked as it is typed), then the returning
/// donor's card, or the registration of a new donor with duplicates offered first.
public struct CheckInScreen: Sendable {
    /// Where check-in is.
    public enum Phase: Sendable {
        case entry
        case card(DonorRecord)
        case register(IdentityDocument)
        case duplicates(candidates: [DonorRecord], pending: RegistryDonor, list: ScrollState)
    }

    public var phase: Phase = .entry
    public var idField: TextField
    public var registration: Form
    public var busy = false
    /// Set when the number was not found while the registry is still downloading (how far it
    /// is, in words): the registration form says the donor may not be loaded yet.
    public var registryLoading: String?
    /// The answers the donor gave today before this check-in, which the card's dates take in.
    public var todaysAnswers: [String: Bool] = [:]

    /// An empty ID field whose validator explains the first problem in `strings`' language.
    public init(context: ScreenContext) {
        idField = CheckInScreen.idField(context)
        registration = CheckInScreen.registrationForm(context)
    }

    static func idField(_ context: ScreenContext) -> TextField {
        let today = context.today
        let strings = context.strings
        var field = TextField(label: "", mask: .idNumber) { text in
            guard text.count == 18 || text.count == 15 else { return strings("checkin.id_length", ["n": "\(text.count)"]) }
            switch IdentityParser.parseResidentID(text, today: today) {
            case .success: return nil
            case .failure(let rejection): return rejection.message(in: strings.isChinese ? .zhHans : .en)
            }
        }
        field.isFocused = true
        return field
    }

    static func registrationForm(_ context: ScreenContext) -> Form {
        let strings = context.strings
        return Form(fields: [
            TextField(label: "") { $0.trimmingCharacters(in: .whitespaces).isEmpty ? strings("register.name_missing") : nil },
            TextField(label: "", mask: .phone) { $0.count == 11 && $0.hasPrefix("1") ? nil : strings("register.phone_bad") },
            TextField(label: "", mask: InputMask(maximumLength: 3) { c, _ in "ABOabo+-".contains(c) ? Character(c.uppercased()) : nil }) {
                $0.isEmpty || BloodType($0) != nil ? nil : strings("register.blood_bad")
            },
        ], labelWidth: 12)
    }

    /// The donor being registered from the parsed ID and the form.
    func pendingDonor(_ document: IdentityDocument) -> RegistryDonor? {
        guard registration.isValid, !registration[0].text.isEmpty, !registration[1].text.isEmpty,
              let sex = document.sex, let birth = document.birthDate else { return nil }
        return RegistryDonor(
            idNumber: document.number, documentType: document.documentType, name: registration[0].text,
            sex: sex, birthDate: birth, phone: registration[1].text, bloodType: BloodType(registration[2].text))
    }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        if case .key(.escape) = event {
            if case .entry = phase { return .home }
            phase = .entry
            idField.setText("")
            return .none
        }
        if case .scan(let text) = event, !isRegistering {
            // An ID card read at any point starts over with that donor.
            phase = .entry
            idField.setText(text)
            return submitID(context)
        }
        switch phase {
        case .entry:
            if case .key(.enter) = event { return submitID(context) }
            idField.handle(event)
            return .none
        case .card(let record):
            if case .key(.enter) = event { return .openQuestionnaire(record) }
            if case .key(.function(4)) = event { return .openCertificate(donorID: record.id) }
            return .none
        case .register(let document):
            if case .key(.enter) = event {
                if registration.focus < registration.fields.count - 1 {
                    registration.focus(registration.focus + 1)
                    return .none
                }
                guard let donor = pendingDonor(document) else { return .toast(context("register.incomplete"), .error) }
                busy = true
                return .findDuplicates(donor)
            }
            registration.handle(event)
            return .none
        case .duplicates(let candidates, let pending, var list):
            switch event {
            case .key(.enter): return .openQuestionnaire(candidates[list.selected])
            case .key(.function(6)):
                busy = true
                return .register(pending)
            case .key(let key):
                list.handle(key)
                phase = .duplicates(candidates: candidates, pending: pending, list: list)
            default: break
            }
            return .none
        }
    }

    /// Whether the registration form is open (where a burst is typed text, not an ID card).
    public var isRegistering: Bool {
        if case .register = phase { return true }
        return false
    }

    /// Enter on the ID field: a valid number is looked up; an invalid one stays with its reason.
    mutating func submitID(_ context: ScreenContext) -> Intent {
        guard case .success(let document) = IdentityParser.parseResidentID(idField.text, today: context.today) else {
            return .toast(idField.validationMessage ?? context("checkin.id_length", ["n": "\(idField.text.count)"]), .error)
        }
        busy = true
        return .lookUp(idNumber: document.number)
    }

    /// The answer to a lookup: the donor's card, or registration for an unknown number.
    public mutating func found(_ record: DonorRecord?, _ context: ScreenContext, registryLoading: String? = nil,
                               answers: QuestionnaireAnswers? = nil) {
        busy = false
        self.registryLoading = record == nil ? registryLoading : nil
        todaysAnswers = Visit.todaysAnswers(answers, today: context.today) ?? [:]
        if let record {
            phase = .card(record)
        } else if case .success(let document) = IdentityParser.parseResidentID(idField.text, today: context.today) {
            registration = CheckInScreen.registrationForm(context)
            phase = .register(document)
        }
    }

    /// Possible duplicates of a donor about to be registered; none registers at once.
    public mutating func duplicates(_ candidates: [DonorRecord], of pending: RegistryDonor) -> Intent {
        busy = false
        guard !candidates.isEmpty else { return .register(pending) }
        phase = .duplicates(candidates: candidates, pending: pending, list: ScrollState(count: candidates.count, visibleRows: 6))
        return .none
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        switch phase {
        case .entry: return [("Enter", "hint.lookup"), ("Esc", "hint.back"), ("F12", "hint.language")]
        case .card: return [("Enter", "hint.questionnaire"), ("F4", "hint.certificate"), ("Esc", "hint.back"), ("F12", "hint.language")]
        case .register: return [("Tab", "hint.next_field"), ("Enter", "hint.register"), ("Esc", "hint.back"), ("F12", "hint.language")]
        case .duplicates: return [("Enter", "hint.same_person"), ("F6", "hint.new_record"), ("Esc", "hint.back"), ("F12", "hint.language")]
        }
    }
}
