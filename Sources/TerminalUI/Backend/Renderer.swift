/// Keeps the last frame and writes only the difference to a backend.
///
/// Each `render` call draws a fresh buffer the size of the screen, diffs it against the
/// previous frame and hands the changed cells to the backend. When the size changed, the
/// screen is cleared and repainted in full.
public final class Renderer<B: Backend> {
    /// Where frames go.
    public let backend: B
    /// The frame currently on screen.
    public private(set) var previous: Buffer
    /// Cells written by the last `render`.
    public private(set) var lastUpdateCount = 0

    /// A renderer that starts from a blank screen.
    public init(backend: B) {
        self.backend = backend
        let size = backend.size
        self.previous = Buffer(width: size.width, height: size.height)
    }

    /// Draws a frame with `draw` and writes the changes.
    public func render(_ draw: (inout Buffer) -> Void) {
        let size = backend.size
        var frame = Buffer(width: size.width, height: size.height)
        draw(&frame)
        present(frame)
    }

    /// Writes a finished frame (its size must be the screen's).
    public func present(_ frame: Buffer) {
        if frame.area != previous.area {
            backend.clear()
            previous = Buffer(area: frame.area)
        }
        let updates = frame.diff(from: previous)
        lastUpdateCount = updates.count
        backend.draw(updates)
        backend.setCursor(frame.cursor)
        backend.flush()
        previous = frame
    }

    /// Forgets the screen's content so the next frame repaints everything (e.g. after
    /// another program wrote to the terminal).
    public func invalidate() {
        backend.clear()
        previous = Buffer(area: previous.area)
    }
}
