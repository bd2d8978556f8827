import DonorCore
import TerminalUI

/// The pre-donation check: the procedure (F6 cycles through those the policy offers), weight,
/// blood pressure, pulse, temperature, haemoglobin; haematocrit and platelets for apheresis.
/// Enter on the last field shows the decision. F7 marks the pulse irregular and F8 an endurance
/// athlete (the policy's lower pulse line), both observations rather than numbers.
public struct VitalsScreen: Sendable {
    public var visit: Visit
    public var form: Form
    public var pulseRegular = true
    public var athlete = false

    /// The fields, in order; the last two only for apheresis.
    public static let fields = ["weight", "systolic", "diastolic", "pulse", "temperature", "haemoglobin", "haematocrit", "platelets"]

    public init(visit: Visit) {
        self.visit = visit
        form = VitalsScreen.makeForm(apheresis: visit.procedure.isApheresis)
    }

    static func makeForm(apheresis: Bool) -> Form {
        let number = InputMask(maximumLength: 6) { c, _ in c.isASCII && (c.isNumber || c == ".") ? c : nil }
        let count = apheresis ? fields.count : fields.count - 2
        return Form(fields: (0..<count).map { _ in
            TextField(label: "", mask: number) { Double($0) == nil ? "?" : nil }
        }, labelWidth: 18)
    }

    /// The vitals as typed; empty fields stay nil (the decision then says "incomplete").
    public func vitals() -> Vitals {
        func value(_ index: Int) -> Double? { form.fields.indices.contains(index) ? Double(form[index].text) : nil }
        var vitals = Vitals(
            weightKg: value(0), systolic: value(1).map { Int($0) }, diastolic: value(2).map { Int($0) },
            pulse: value(3).map { Int($0) }, pulseRegular: pulseRegular, temperatureCelsius: value(4), haemoglobin: value(5),
            athlete: athlete)
        if visit.procedure.isApheresis {
            vitals.haematocrit = value(6)
            vitals.platelets = value(7)
        }
        return vitals
    }

    /// The procedures this policy lets a house collect.
    static func offered(_ policy: Policy) -> [Procedure] {
        Procedure.allCases.filter { procedure in
            switch procedure {
            case .wholeBlood: return !policy.procedures.wholeBloodVolumesML.isEmpty
            case .platelets: return !policy.procedures.plateletDoses.isEmpty
            case .plasma: return !policy.procedures.plasmaVolumesML.isEmpty
            }
        }
    }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        switch event {
        case .key(.escape): return .home
        case .key(.function(6)):
            let offered = VitalsScreen.offered(context.policy)
            let next = offered[((offered.firstIndex(of: visit.procedure) ?? 0) + 1) % max(1, offered.count)]
            let texts = form.fields.map(\.text)
            visit.procedure = next
            form = VitalsScreen.makeForm(apheresis: next.isApheresis)
            for (index, text) in texts.enumerated() where form.fields.indices.contains(index) { form[index].setText(text) }
            return .none
        case .key(.function(7)):
            pulseRegular.toggle()
            return .none
        case .key(.function(8)):
            athlete.toggle()
            return .none
        case .key(.enter):
            if form.focus < form.fields.count - 1 {
                form.focus(form.focus + 1)
                return .none
            }
            visit.vitals = vitals()
            return .saveVitals(visit)
        default:
            form.handle(event)
            return .none
        }
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        [("Enter", "hint.next_field"), ("F6", "hint.procedure"), ("F7", "hint.pulse_rhythm"), ("F8", "hint.athlete"),
         ("Esc", "hint.back"), ("F12", "hint.language")]
    }

    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let block = Block(title: context("vitals.title", ["name": visit.record.donor.name]))
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        buffer.write(context("vitals.procedure", ["procedure": context.text.procedure(visit.procedure)]),
                     x: inner.x, y: inner.y, style: Theme.title, maxWidth: inner.width)
        let rhythm = context(pulseRegular ? "vitals.pulse_regular" : "vitals.pulse_irregular")
        let sport = context(athlete ? "vitals.athlete_yes" : "vitals.athlete_no")
        buffer.write(rhythm + " · " + sport, x: inner.x, y: inner.y + 1,
                     style: pulseRegular ? Theme.muted : Theme.error, maxWidth: inner.width)
        var shown = form
        for index in shown.fields.indices {
            shown[index].label = context("vitals.\(VitalsScreen.fields[index])")
        }
        shown.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2), into: &buffer)
    }
}
