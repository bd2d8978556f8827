import Foundation
import DonorCore
import TerminalUI

/// The day: donations by procedure and blood type, volume, certificates by card, adverse
/// reactions and a bar chart by hour; F8 exports the figures as CSV. Supervisors only.
public struct DayScreen: Sendable {
    /// The figures shown (refreshed while the screen is open).
    public var figures: DayFigures
    /// Where the last export went.
    public var exportedTo: String?

    /// The day screen showing `figures`.
    public init(figures: DayFigures) {
        self.figures = figures
    }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        switch event {
        case .key(.escape): return .home
        case .key(.function(8)): return .export(figures)
        default: return .none
        }
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        [("F8", "hint.export"), ("Esc", "hint.back"), ("F12", "hint.language")]
    }

    /// The figures as CSV rows: section, key, value. Labels are stable ids, not translations,
    /// so a spreadsheet reads the same in both languages.
    public static func csv(_ figures: DayFigures, date: LocalDate) -> String {
        var rows = ["date,section,key,value"]
        for procedure in Procedure.allCases {
            rows.append("\(date.iso),procedure,\(procedure.rawValue),\(figures.donationsByProcedure[procedure] ?? 0)")
        }
        for (type, count) in figures.donationsByBloodType.sorted(by: { $0.key < $1.key }) {
            rows.append("\(date.iso),blood_type,\(type),\(count)")
        }
        rows.append("\(date.iso),volume,ml,\(figures.volumeML)")
        for card in CardKind.allCases {
            rows.append("\(date.iso),activations,\(card.rawValue),\(figures.activationsByCard[card] ?? 0)")
        }
        rows.append("\(date.iso),adverse_reactions,all,\(figures.adverseReactions)")
        for (hour, count) in figures.donationsByHour.sorted(by: { $0.key < $1.key }) {
            rows.append("\(date.iso),hour,\(hour),\(count)")
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let columns = Layout.columns(area, [.fixed(34), .min(30)], spacing: 1)
        let block = Block(title: context("day.title", ["date": context.today.iso]))
        block.render(in: columns[0], into: &buffer)
        let inner = block.inner(columns[0]).inset(horizontal: 1, vertical: 0)
        var y = inner.y
        func line(_ text: String, _ style: Style = Theme.normal) {
            guard y < inner.bottom else { return }
            buffer.write(text, x: inner.x, y: y, style: style, maxWidth: inner.width)
            y += 1
        }
        line(context("home.donations", ["n": "\(figures.totalDonations)"]), Theme.title)
        for procedure in Procedure.allCases {
            line("  \(context.text.procedure(procedure)) \(figures.donationsByProcedure[procedure] ?? 0)")
        }
        line(context("day.blood_types"), Theme.title)
        let types = figures.donationsByBloodType.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        line("  " + (types.isEmpty ? "-" : types.joined(separator: "  ")))
        line(context("home.volume", ["ml": "\(figures.volumeML)"]))
        line(context("day.activations"), Theme.title)
        for card in CardKind.allCases {
            line("  \(context("certificate.card.\(card.rawValue)")) \(figures.activationsByCard[card] ?? 0)")
        }
        line(context("home.reactions", ["n": "\(figures.adverseReactions)"]))
        if let exportedTo {
            line(context("day.exported", ["file": exportedTo]), Theme.success)
        }
        let chartBlock = Block(title: context("day.by_hour"))
        chartBlock.render(in: columns[1], into: &buffer)
        let hours = figures.donationsByHour.keys.sorted()
        let items = (hours.isEmpty ? [] : Array((hours.first ?? 8)...(hours.last ?? 8))).map { hour in
            (label: String(format: "%02d", hour), value: figures.donationsByHour[hour] ?? 0)
        }
        let chartArea = chartBlock.inner(columns[1])
        if items.isEmpty {
            buffer.write(context("day.no_data"), x: chartArea.x + 1, y: chartArea.y, style: Theme.muted, maxWidth: chartArea.width - 1)
        } else {
            BarChart(items: items).render(in: chartArea, into: &buffer)
        }
    }
}
