/// The size of a terminal in cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// A size in columns and rows.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    /// "100x30": how the demo and the too-small screen show a size.
    public var description: String { "\(width)x\(height)" }
}

/// Where frames end up: a real terminal (ncursesw), an escape-sequence byte sink, or an
/// in-memory screen for tests.
///
/// The renderer hands a backend only the cells that changed; the backend decides how to
/// write them. Backends are used from one thread only (the UI thread).
public protocol Backend: AnyObject {
    /// The current size of the screen.
    var size: Size { get }
    /// How many colours the screen can show; styles are degraded to this.
    var colorDepth: ColorDepth { get }
    /// Writes changed cells (not yet visible until `flush`).
    func draw(_ updates: [CellUpdate])
    /// Shows the cursor at a position, or hides it.
    func setCursor(_ position: Position?)
    /// Erases the whole screen (used after a resize, before a full repaint).
    func clear()
    /// Makes everything written visible.
    func flush()
    /// A termination signal (SIGTERM, SIGHUP, ...) received since the last call, if any: the
    /// loop then quits and restores the terminal.
    func takePendingSignal() -> Int32?
}

extension Backend {
    /// Backends that are not a real terminal receive no signals.
    public func takePendingSignal() -> Int32? { nil }
}
