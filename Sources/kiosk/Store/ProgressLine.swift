import Foundation

/// Progress of a long job on standard error: a bar redrawn in place with `\r` when stderr is a
/// terminal, plain lines (at most one per tenth of the job) when it is a file or a pipe, so a
/// log gets a readable record instead of a thousand carriage returns.
final class ProgressLine {
    private let label: String
    private let total: Int
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastDraw = ContinuousClock.now
    private var lastTenth = -1
    private var drawn = false

    /// A progress line for `total` units of work, prefixed with `label`.
    init(label: String, total: Int) {
        self.label = label
        self.total = max(total, 1)
    }

    /// Reports that `done` units are finished (cheap to call for every unit).
    func update(_ done: Int) {
        if isTerminal {
            // Redrawing costs a write; ten times a second is smooth and does not slow the job.
            let now = ContinuousClock.now
            guard done >= total || now - lastDraw >= .milliseconds(100) else { return }
            lastDraw = now
            write("\r" + bar(done) + "\u{1B}[K")
            drawn = true
        } else {
            let tenth = min(done, total) * 10 / total
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            write("\(label) \(done)/\(total) (\(tenth * 10)%)\n")
        }
    }

    /// Ends the line on a terminal so the next output starts on a fresh one.
    func finish() {
        if isTerminal && drawn { write("\n") }
    }

    private func bar(_ done: Int) -> String {
        let width = 30
        let filled = min(done, total) * width / total
        let percent = min(done, total) * 100 / total
        return "\(label) [" + String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            + "] \(done)/\(total) \(percent)%"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number for reports.
    var seconds: Double { self / .seconds(1) }
}
