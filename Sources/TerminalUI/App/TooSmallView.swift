/// What the loop shows when the window is smaller than the app needs.
public enum TooSmallView {
    /// Draws the required and current sizes, centred, in Chinese and English.
    public static func render(current: Size, required: Size, into buffer: inout Buffer) {
        let lines = [
            "窗口太小 · Window too small",
            "需要 at least \(required.width)x\(required.height)",
            "当前 now \(current.width)x\(current.height)",
            "请放大窗口 · Please enlarge the window",
        ]
        let area = buffer.area
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let width = DisplayWidth.of(line)
            let x = area.x + max(0, (area.width - width) / 2)
            buffer.write(line, x: x, y: top + offset, style: Style(attributes: offset == 0 ? .bold : []))
        }
    }
}
