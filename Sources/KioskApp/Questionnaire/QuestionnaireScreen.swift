import DonorCore
import TerminalUI

/// The health questionnaire from the policy, grouped by time window. Answers the donor gave
/// earlier today (on the self-service screen or at this desk) come pre-filled; every other
/// question starts unanswered, and Enter goes on to the check only once each has a yes or a
/// no. Why not start at "no": the donor's answer to each question is what makes the donation
/// safe, and a form that is already "all no" can be passed with one key without asking anything.
/// ↑↓ move, Y/N (or Space) answer, Enter goes on to the check.
public struct QuestionnaireScreen: Sendable {
    /// The visit whose answers are being taken.
    public var visit: Visit
    /// The question under the cursor.
    public var list: ScrollState
    /// Whether answers recorded earlier today were loaded.
    public var preloaded: Bool
    /// How many questions were still unanswered when Enter was last pressed; shown until the
    /// next answer. Zero when there is nothing to say.
    public var unansweredAtEnter: Int

    /// The questionnaire for `visit`, its answers possibly loaded from the self-service screen.
    public init(visit: Visit, questionCount: Int, preloaded: Bool) {
        self.visit = visit
        self.list = ScrollState(count: questionCount, visibleRows: 10)
        self.preloaded = preloaded
        self.unansweredAtEnter = 0
    }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        if case .text(let text) = event {
            // Answers typed faster than the screen reads arrive together: each is one answer.
            // A character never leaves this screen (only Enter and Esc do), so each gives `.none`.
            for character in text { _ = handle(.key(.character(character)), context) }
            return .none
        }
        let questions = context.policy.questionnaire.questions
        guard questions.indices.contains(list.selected) else { return .none }
        let id = questions[list.selected].id
        switch event {
        case .key(.escape): return .home
        case .key(.enter):
            let unanswered = questions.indices.filter { visit.answers[questions[$0].id] == nil }
            guard let first = unanswered.first else { return .saveAnswers(visit) }
            unansweredAtEnter = unanswered.count
            list.select(first)
        case .key(.character("y")), .key(.character("Y")), .key(.character("1")):
            answer(id, true)
        case .key(.character("n")), .key(.character("N")), .key(.character("0")):
            answer(id, false)
        case .key(.character(" ")):
            visit.answers[id] = !(visit.answers[id] ?? false)
            unansweredAtEnter = 0
        case .key(let key):
            list.handle(key)
        default: break
        }
        return .none
    }

    /// Records an answer and moves to the next question.
    private mutating func answer(_ id: String, _ value: Bool) {
        visit.answers[id] = value
        unansweredAtEnter = 0
        list.handle(.down)
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        [("Y/N", "hint.answer"), ("↑↓", "hint.move"), ("Enter", "hint.to_check"), ("Esc", "hint.back"), ("F12", "hint.language")]
    }

    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let donor = visit.record.donor
        let block = Block(title: context("questionnaire.title", ["name": donor.name]))
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        let questionnaire = context.policy.questionnaire
        let questions = questionnaire.questions
        let yes = questions.filter { visit.answers[$0.id] == true }.count
        let answered = questions.filter { visit.answers[$0.id] != nil }.count
        if unansweredAtEnter > 0 {
            buffer.write(context("questionnaire.unanswered", ["n": "\(unansweredAtEnter)"]), x: inner.x, y: inner.y,
                         style: Theme.error, maxWidth: inner.width)
        } else {
            let summary = context(preloaded ? "questionnaire.preloaded" : "questionnaire.fresh",
                                  ["yes": "\(yes)", "answered": "\(answered)", "total": "\(questions.count)"])
            buffer.write(summary, x: inner.x, y: inner.y, style: yes > 0 ? Theme.error : Theme.muted, maxWidth: inner.width)
        }
        let rows = questions.map { question -> [String] in
            let group = questionnaire.groups.first { $0.id == question.group }.map { context.strings.pick($0.name) } ?? ""
            let answer = visit.answers[question.id].map { context($0 ? "answer.yes" : "answer.no") } ?? context("answer.unanswered")
            return [answer, group, context.strings.pick(question.text)]
        }
        // The question under the cursor in full, wrapped under the table: the table cuts a long
        // question at the screen's edge, and this is the one the volunteer reads aloud.
        let full = rows.indices.contains(list.selected) ? Paragraph.wrap(rows[list.selected][2], width: inner.width) : []
        let tableHeight = max(3, inner.height - 1 - (full.isEmpty ? 0 : full.count + 1))
        var state = list
        state.visibleRows = max(1, tableHeight - 1)
        let headers = [context("questionnaire.answer"), context("questionnaire.when"), context("questionnaire.question")]
        Table(headers: headers, rows: rows,
              widths: [Table.fit(0, headers: headers, rows: rows, max: 8), Table.fit(1, headers: headers, rows: rows, max: 22), .min(20)],
              state: state)
            .render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: tableHeight), into: &buffer)
        // Right under the last row drawn (header included), after one blank line.
        let drawn = 1 + min(rows.count, state.visibleRows)
        for (index, line) in full.enumerated() {
            let y = inner.y + 1 + drawn + 1 + index
            guard y < inner.y + inner.height else { break }
            buffer.write(line, x: inner.x, y: y, style: Theme.title, maxWidth: inner.width)
        }
    }
}
