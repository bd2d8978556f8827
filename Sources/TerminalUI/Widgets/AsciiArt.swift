import Foundation

/// Pre-drawn text art (the mascots), loaded from a text file and drawn line by line.
public struct AsciiArt: Widget, Sendable, Hashable {
    /// The art's lines, trailing whitespace removed.
    public let lines: [String]
    /// The style the content is drawn in.
    public var style: Style

    /// Art from its lines.
    public init(lines: [String], style: Style = Style(foreground: .yellow)) {
        self.lines = lines
        self.style = style
    }

    /// Loads art from a text file (UTF-8); throws when it cannot be read.
    public init(contentsOf path: String, style: Style = Style(foreground: .yellow)) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\n").map { line in
            String(line.reversed().drop(while: { $0 == " " || $0 == "\r" }).reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        self.init(lines: lines, style: style)
    }

    /// The art's size in columns and rows.
    public var size: Size {
        Size(width: lines.map { DisplayWidth.of($0) }.max() ?? 0, height: lines.count)
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        for (row, line) in lines.prefix(area.height).enumerated() {
            buffer.write(line, x: area.x, y: area.y + row, style: style, maxWidth: area.width)
        }
    }
}
