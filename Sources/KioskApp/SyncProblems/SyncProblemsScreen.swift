import DonorCore
import TerminalUI

/// Sync problems (supervisor, F4 in Settings): this kiosk's events the centre refused or
/// flagged for review, newest first, each in plain words with the centre's reason. Read only:
/// the centre's operators resolve them.
public struct SyncProblemsScreen: Sendable {
    /// Nil until the list has been read.
    public var entries: [SyncProblemEntry]?
    public var list: ScrollState

    /// Rows per entry: the event, then the centre's verdict on up to two lines.
    static let rowsPerEntry = 3

    public init(entries: [SyncProblemEntry]? = nil) {
        self.entries = entries
        list = ScrollState(count: entries?.count ?? 0, visibleRows: 6)
    }

    /// The list as read; the selection stays where it was when it still exists.
    public mutating func loaded(_ entries: [SyncProblemEntry]) {
        self.entries = entries
        list = ScrollState(count: entries.count, visibleRows: list.visibleRows, selected: min(list.selected, max(0, entries.count - 1)))
    }

    /// Applies a key and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        switch event {
        case .key(.escape): return .openSettings
        case .key(let key):
            list.handle(key)
            return .none
        default:
            return .none
        }
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        [("↑↓", "hint.move"), ("Esc", "hint.back"), ("F12", "hint.language")]
    }

    /// Draws the screen into `area`: the read-only note, then the entries.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let block = Block(title: context("problems.title", ["n": entries.map { "\($0.count)" } ?? "…"]))
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        let note = Paragraph.wrap(context("problems.read_only"), width: inner.width)
        for (row, line) in note.prefix(inner.height).enumerated() {
            buffer.write(line, x: inner.x, y: inner.y + row, style: Theme.muted, maxWidth: inner.width)
        }
        let listArea = Rect(x: inner.x, y: inner.y + note.count + 1, width: inner.width, height: max(0, inner.height - note.count - 1))
        guard let entries else {
            buffer.write(context("problems.loading"), x: listArea.x, y: listArea.y, style: Theme.muted, maxWidth: listArea.width)
            return
        }
        guard !entries.isEmpty else {
            buffer.write(context("problems.empty"), x: listArea.x, y: listArea.y, style: Theme.success, maxWidth: listArea.width)
            return
        }
        var state = list
        state.visibleRows = max(1, listArea.height / Self.rowsPerEntry)
        let text = SyncProblemText(context: context)
        for (slot, index) in (state.offset..<min(entries.count, state.offset + state.visibleRows)).enumerated() {
            let entry = entries[index]
            let y = listArea.y + slot * Self.rowsPerEntry
            let selected = index == state.selected
            if selected { buffer.fill(Rect(x: listArea.x, y: y, width: listArea.width, height: 1), with: Cell(" ", style: Theme.highlight)) }
            buffer.write(text.summary(entry), x: listArea.x, y: y, style: selected ? Theme.highlight : Theme.title, maxWidth: listArea.width)
            let style: Style
            if case .rejected = entry.verdict { style = Theme.error } else { style = Style(foreground: .yellow, attributes: .bold) }
            for (row, line) in Paragraph.wrap(text.verdict(entry), width: listArea.width - 2).prefix(Self.rowsPerEntry - 1).enumerated() {
                buffer.write(line, x: listArea.x + 2, y: y + 1 + row, style: style, maxWidth: listArea.width - 2)
            }
        }
        if state.offset + state.visibleRows < entries.count {
            buffer.write("↓", x: listArea.right - 1, y: listArea.bottom - 1, style: Theme.muted)
        }
    }
}
