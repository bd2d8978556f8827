import DonorCore
import TerminalUI

/// Home: today's queue with each donor's stage, today's figures, and the F-key menu the
/// signed-in role allows. The sync state is in the header every screen shares.
public struct HomeScreen: Sendable {
    public var queue: [QueueEntry]
    public var figures: DayFigures
    public var list: ScrollState

    public init(queue: [QueueEntry] = [], figures: DayFigures = DayFigures()) {
        self.queue = queue
        self.figures = figures
        self.list = ScrollState(count: queue.count, visibleRows: 10)
    }

    /// New data from the services; the selection stays where it was when it still exists.
    public mutating func refresh(queue: [QueueEntry], figures: DayFigures) {
        let selected = list.selected
        self.queue = queue
        self.figures = figures
        list = ScrollState(count: queue.count, visibleRows: 10, selected: min(selected, max(0, queue.count - 1)))
    }

    /// The queue entry under the cursor.
    public var selected: QueueEntry? { queue.indices.contains(list.selected) ? queue[list.selected] : nil }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        let mayCollect = context.session?.mayCollect == true
        switch event {
        case .key(.function(2)):
            return .openCheckIn
        case .scan(let text):
            // A donor's ID card read at the home screen starts check-in at once.
            return .lookUp(idNumber: text)
        case .key(.function(3)) where mayCollect:
            return .openCollection(selected.flatMap { $0.stage == .waiting ? $0 : nil })
        case .key(.function(4)):
            return .openCertificateLookup
        case .key(.enter):
            guard let entry = selected else { return .none }
            switch entry.stage {
            case .arrived: return .openCheckIn
            case .waiting: return mayCollect ? .openCollection(entry) : .none
            case .donated, .activated: return .openCertificate(donorID: entry.donorID)
            }
        case .key(.function(5)) where context.session?.isSupervisor == true:
            return .openDay
        case .key(.function(7)) where context.session?.isSupervisor == true:
            return .openSettings
        case .key(.function(6)):
            return .openSelfService
        case .key(let key):
            list.handle(key)
            return .none
        default:
            return .none
        }
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        var hints: [Hint] = [("F2", "hint.checkin")]
        if context.session?.mayCollect == true { hints.append(("F3", "hint.collection")) }
        hints.append(("F4", "hint.certificate"))
        if context.session?.isSupervisor == true { hints.append(("F5", "hint.day")) }
        hints.append(("F6", "hint.selfservice.open"))
        if context.session?.isSupervisor == true { hints.append(("F7", "hint.settings")) }
        hints += [("F11", "hint.lock"), ("F12", "hint.language"), ("F10", "hint.quit")]
        return hints
    }

    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        // 28 columns from the smallest supported screen (80) up: "Apheresis platelets" and a
        // two-digit count fit whole, and the queue keeps 51 columns (its procedure column gives).
        let columns = Layout.columns(area, [.min(40), .fixed(area.width >= 80 ? 28 : 26)], spacing: 1)
        let queueBlock = Block(title: context("home.queue", ["n": "\(queue.count)"]))
        queueBlock.render(in: columns[0], into: &buffer)
        let inner = queueBlock.inner(columns[0])
        if queue.isEmpty {
            // Wrapped, so the hint about scanning is never cut off in a narrow column.
            Paragraph(context("home.queue_empty"), style: Theme.muted).render(
                in: Rect(x: inner.x + 1, y: inner.y + 1, width: max(0, inner.width - 2), height: max(0, inner.height - 1)), into: &buffer)
        } else {
            var state = list
            state.visibleRows = max(1, inner.height - 1)
            let rows = queue.map { entry in
                [Self.ticket(entry.number), entry.name, entry.maskedID,
                 entry.stage == .arrived ? "—" : context.text.procedure(entry.procedure), context("stage.\(entry.stage.rawValue)")]
            }
            let headers = [context("home.col.number"), context("home.col.name"), context("home.col.id"),
                           context("home.col.procedure"), context("home.col.stage")]
            Table(
                headers: headers, rows: rows,
                widths: [.fixed(5), Table.fit(1, headers: headers, rows: rows, max: 16), .fixed(18), .min(8),
                         Table.fit(4, headers: headers, rows: rows, max: 12)],
                state: state
            ).render(in: inner, into: &buffer)
        }
        let figuresBlock = Block(title: context("home.figures"))
        figuresBlock.render(in: columns[1], into: &buffer)
        let right = figuresBlock.inner(columns[1]).inset(horizontal: 1, vertical: 0)
        var y = right.y
        func line(_ text: String, _ style: Style = Theme.normal) {
            guard y < right.bottom else { return }
            buffer.write(text, x: right.x, y: y, style: style, maxWidth: right.width)
            y += 1
        }
        line(context("home.donations", ["n": "\(figures.totalDonations)"]), Theme.title)
        // The count at the right edge, so a long English name is cut and never its number.
        for procedure in Procedure.allCases where y < right.bottom {
            let count = "\(figures.donationsByProcedure[procedure] ?? 0)"
            buffer.write("  " + context.text.procedure(procedure), x: right.x, y: y, style: Theme.normal,
                         maxWidth: max(0, right.width - count.count - 1))
            buffer.write(count, x: right.x + right.width - count.count, y: y, style: Theme.normal, maxWidth: count.count)
            y += 1
        }
        line(context("home.volume", ["ml": "\(figures.volumeML)"]))
        line(context("home.activations", ["n": "\(figures.activationsByCard.values.reduce(0, +))"]))
        line(context("home.reactions", ["n": "\(figures.adverseReactions)"]))
        y += 1
        let waiting = queue.filter { $0.stage == .waiting }.count
        line(context("home.waiting", ["n": "\(waiting)"]), Theme.title)
    }

    /// "A-007": the number called out.
    public static func ticket(_ number: Int) -> String {
        let digits = String(number)
        return "A-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
