import DonorCore
import Foundation
import TerminalUI

/// A new kiosk downloading the registry: the progress line under the header, and the words a
/// screen uses when a donor is not found while the download runs (they may not be loaded yet).
extension KioskApp {
    /// " 正在下载名册 ████████░░░░ 63% · 已载入 63,000 条 ".
    func drawBootstrap(_ progress: BootstrapProgress, _ context: ScreenContext, in area: Rect, into buffer: inout Buffer) {
        let style = Style(foreground: .black, background: .yellow)
        buffer.fill(area, with: Cell(" ", style: style))
        var x = area.x + buffer.write(" \(context("sync.bootstrap_bar")) ", x: area.x, y: area.y, style: style.adding(.bold))
        let count = " · " + context("sync.bootstrap_count", ["n": Self.grouped(progress.applied)]) + " "
        if let fraction = progress.fraction {
            let width = max(0, min(40, area.right - x - DisplayWidth.of(count)))
            ProgressBar(ratio: fraction, style: Style(foreground: .green, background: .black))
                .render(in: Rect(x: x, y: area.y, width: width, height: 1), into: &buffer)
            x += width
        }
        buffer.write(count, x: x, y: area.y, style: style, maxWidth: max(0, area.right - x))
    }

    /// "63%" when the fraction is known, else the count: for sentences about a donor not found.
    static func progressWords(_ progress: BootstrapProgress, _ context: ScreenContext) -> String {
        guard let fraction = progress.fraction else { return context("sync.bootstrap_count", ["n": grouped(progress.applied)]) }
        return "\(Int((min(1, max(0, fraction)) * 100).rounded()))%"
    }

    /// "63,000": thousands grouped the same way in both languages.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
