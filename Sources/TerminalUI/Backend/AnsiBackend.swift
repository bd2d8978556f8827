/// A backend that writes VT/ANSI escape sequences into memory and counts the bytes.
///
/// The benchmark renders through it to measure what a frame costs on the wire; a test can
/// read `output` to check the exact sequences.
public final class AnsiBackend: Backend {
    public let size: Size
    public let colorDepth: ColorDepth
    /// Every byte written since the last `takeOutput()`.
    public private(set) var output: [UInt8] = []
    /// Bytes written in total.
    public private(set) var totalBytes = 0
    private var encoder: AnsiEncoder

    /// A sink standing in for a terminal of the given size.
    public init(width: Int, height: Int, colorDepth: ColorDepth = .colors256) {
        self.size = Size(width: width, height: height)
        self.colorDepth = colorDepth
        self.encoder = AnsiEncoder(colorDepth: colorDepth)
    }

    public func draw(_ updates: [CellUpdate]) {
        let before = output.count
        encoder.encode(updates, into: &output)
        totalBytes += output.count - before
    }

    public func setCursor(_ position: Position?) {}

    public func clear() {
        let before = output.count
        encoder.encodeClear(into: &output)
        totalBytes += output.count - before
    }

    public func flush() {}

    /// Returns the bytes written so far and empties the sink.
    public func takeOutput() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }
}
