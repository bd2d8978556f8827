import DonorCore
import TerminalUI

/// Drawing the self-service screen: big, plain, one thing at a time, and never a full ID or
/// phone number.
extension SelfServiceScreen {
    /// The mascots, loaded once by the app from `assets/art`.
    public struct Art: Sendable {
        public var left: AsciiArt?
        public var right: AsciiArt?
        public init(left: AsciiArt?, right: AsciiArt?) {
            self.left = left
            self.right = right
        }
    }

    /// The keys this step offers, for the status bar (the hidden staff key is never shown).
    public func hints(_ context: ScreenContext) -> [Hint] {
        switch step {
        case .attract: return [("Enter", "hint.selfservice.look_up"), ("F12", "hint.language")]
        case .factor, .staff: return [("Enter", "hint.selfservice.confirm"), ("Esc", "hint.selfservice.done"), ("F12", "hint.language")]
        case .page: return [("Enter", "hint.selfservice.questionnaire"), ("←→", "hint.selfservice.pages"), ("Esc", "hint.selfservice.done"), ("F12", "hint.language")]
        case .question: return [("1", "hint.selfservice.yes"), ("0", "hint.selfservice.no"), ("←", "hint.selfservice.previous"), ("Esc", "hint.selfservice.done")]
        case .finished: return [("Enter", "hint.selfservice.done")]
        }
    }

    /// Draws the step into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext, art: Art) {
        switch step {
        case .attract: attract(in: area, into: &buffer, context, art: art)
        case .factor(let factor): prompt(in: area, into: &buffer, context, title: context("selfservice.factor.\(factor.rawValue)"), secret: false)
        case .staff: prompt(in: area, into: &buffer, context, title: context("selfservice.staff.title"), secret: staffNumber != nil)
        case .page(let tab): page(tab, in: area, into: &buffer, context)
        case .question(let index): question(index, in: area, into: &buffer, context)
        case .finished: finished(in: area, into: &buffer, context)
        }
    }

    /// Writes wrapped lines from the top of `area`; returns the next free row.
    @discardableResult
    static func lines(_ texts: [(String, Style)], in area: Rect, from y: Int, into buffer: inout Buffer) -> Int {
        var y = y
        for (text, style) in texts {
            for wrapped in Paragraph.wrap(text, width: area.width) where y < area.bottom {
                buffer.write(wrapped, x: area.x, y: y, style: style, maxWidth: area.width)
                y += 1
            }
        }
        return y
    }

    func noticeLine(_ context: ScreenContext) -> (String, Style)? {
        notice.map { (context($0.key, $0.values), $0.isError ? Theme.error : Theme.muted) }
    }

    func attract(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext, art: Art) {
        let columns = Layout.columns(area, [.fixed(30), .min(40)], spacing: 1)
        var y = columns[0].y
        for mascot in [art.left, art.right].compactMap({ $0 }) where y + mascot.size.height <= columns[0].bottom {
            mascot.render(in: Rect(x: columns[0].x + 1, y: y, width: columns[0].width - 1, height: mascot.size.height), into: &buffer)
            y += mascot.size.height
        }
        let right = columns[1].inset(horizontal: 1, vertical: 1)
        var row = Self.lines([(context("selfservice.welcome"), Theme.muted)], in: right, from: right.y, into: &buffer) + 1
        row = Self.lines([(context("selfservice.attract"), Theme.highlight)], in: right, from: row, into: &buffer) + 1
        let label = context("selfservice.id_label")
        let labelWidth = DisplayWidth.of(label)
        buffer.write(label, x: right.x, y: row, style: Theme.title)
        field.render(in: Rect(x: right.x + labelWidth + 1, y: row, width: min(19, max(1, right.width - labelWidth - 1)), height: 1), into: &buffer)
        row += 1
        if let notice = noticeLine(context) { row = Self.lines([notice], in: right, from: row, into: &buffer) }
        row += 1
        let benefits = Self.benefitLines(context)
        if !benefits.isEmpty {
            var shown: [(String, Style)] = [(context("selfservice.did_you_know"), Theme.title)]
            for offset in 0..<min(3, benefits.count) { shown.append(("• " + benefits[(rotation + offset) % benefits.count], Theme.normal)) }
            Self.lines(shown, in: right, from: row, into: &buffer)
        }
        Self.lines([(context("selfservice.privacy"), Theme.muted)], in: right, from: right.bottom - 2, into: &buffer)
    }

    /// Short lines about the benefits, from the policy and its catalogues.
    static func benefitLines(_ context: ScreenContext) -> [String] {
        let policy = context.policy
        let benefits = policy.benefits
        var lines = [context("selfservice.benefit.annual", ["card": context.strings.pick(policy.cards.annual.name),
                                                            "transit": context.strings.pick(benefits.transit.name)])]
        if policy.cards.honour.enabled {
            lines.append(context("selfservice.benefit.honour", ["card": context.strings.pick(policy.cards.honour.name),
                                                                "counts": policy.cards.honour.minCounts.description]))
        }
        if let spot = benefits.scenicSpots.first {
            // The line follows the annual card's: its count is the annual card's, and the honour
            // card's when more spots take it (Taiyuan's botanical garden takes the honour card only).
            let annual = benefits.scenicSpots.filter { $0.cards.contains(.annual) }.count
            let honour = benefits.scenicSpots.filter { $0.cards.contains(.honour) }.count
            let key = honour > annual ? "selfservice.benefit.scenic_more" : "selfservice.benefit.scenic"
            lines.append(context(key, ["n": "\(annual)", "honour": "\(honour)", "example": context.strings.pick(spot.name)]))
        }
        if !benefits.hospitals.isEmpty {
            lines.append(context("selfservice.benefit.hospital", ["n": "\(benefits.hospitals.count)"]))
        }
        for tier in policy.tiers {
            lines.append(context("selfservice.benefit.tier", ["name": context.strings.pick(tier.name), "counts": tier.minCounts.description]))
        }
        return lines
    }

    func prompt(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext, title: String, secret: Bool) {
        let inner = area.inset(horizontal: 2, vertical: 1)
        var texts: [(String, Style)] = []
        if case .factor = step { texts.append((context("selfservice.id_shown", ["masked": Masked.id(idNumber, type: .residentID)]), Theme.muted)) }
        texts.append((title, Theme.highlight))
        var row = Self.lines(texts, in: inner, from: inner.y, into: &buffer) + 1
        var shown = field
        if secret { shown = TextField(text: String(repeating: "•", count: field.text.count)); shown.isFocused = true }
        shown.render(in: Rect(x: inner.x, y: row, width: min(20, inner.width), height: 1), into: &buffer)
        row += 2
        if let notice = noticeLine(context) { row = Self.lines([notice], in: inner, from: row, into: &buffer) + 1 }
        if case .factor = step {
            // The first-time donor's way out on a line of its own, so it is seen and not cut
            // mid-word at the end of the privacy note.
            Self.lines([(context("selfservice.factor_help"), Theme.muted), (context("selfservice.first_time_desk"), Theme.normal)],
                       in: inner, from: row, into: &buffer)
        }
    }
}
