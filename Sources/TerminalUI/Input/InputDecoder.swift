/// What the terminal delivered before decoding: a character, an already-named key (curses
/// decodes escape sequences), or a resize.
public enum RawInput: Sendable, Hashable {
    case scalar(Unicode.Scalar)
    case key(Key)
    case resize(Size)
}

/// Turns one batch of raw input (everything that arrived together) into events.
///
/// A batch is all input pending at once, so grouping inside a batch is what tells a person
/// from a machine: a person's keys arrive one per batch; a scanner, a paste or an input
/// method delivers many characters in one. Printable characters that arrive together become
/// one `.text` event, and a run of at least `minimumScanLength` ended by Enter becomes one
/// `.scan` event, so none of them can trigger a single-key shortcut, and nothing is dropped
/// or reordered.
public struct InputDecoder: Sendable {
    /// The shortest printable run, ended by Enter, that counts as a scan.
    public var minimumScanLength: Int

    /// A decoder; a 6-character minimum covers bag numbers, phones (11) and IDs (18).
    public init(minimumScanLength: Int = 6) {
        self.minimumScanLength = minimumScanLength
    }

    /// Decodes one batch, keeping its order.
    public func decode(_ batch: [RawInput]) -> [InputEvent] {
        var events: [InputEvent] = []
        var run = ""
        var runLength = 0

        func flushRun() {
            guard runLength > 0 else { return }
            if runLength == 1, let only = run.first {
                events.append(.key(.character(only)))
            } else {
                events.append(.text(run))
            }
            run = ""
            runLength = 0
        }

        var index = 0
        while index < batch.count {
            let raw = batch[index]
            index += 1
            switch raw {
            case .resize(let size):
                flushRun()
                events.append(.resize(size))
            case .key(let key):
                if key == .enter, runLength >= minimumScanLength {
                    events.append(.scan(run))
                    run = ""
                    runLength = 0
                } else {
                    flushRun()
                    events.append(.key(key))
                }
            case .scalar(let scalar):
                if let key = InputDecoder.controlKey(scalar) {
                    if key == .enter, runLength >= minimumScanLength {
                        events.append(.scan(run))
                        run = ""
                        runLength = 0
                        continue
                    }
                    flushRun()
                    // Esc immediately followed by a printable character is Alt+character.
                    if key == .escape, index < batch.count, case .scalar(let next) = batch[index],
                        InputDecoder.controlKey(next) == nil
                    {
                        events.append(.key(.alt(Character(next))))
                        index += 1
                        continue
                    }
                    events.append(.key(key))
                } else {
                    // Count graphemes, not scalars: a combining mark joins the previous one.
                    let before = run.count
                    run.unicodeScalars.append(scalar)
                    if run.count != before { runLength += 1 }
                }
            }
        }
        flushRun()
        return events
    }

    /// The key a control character stands for, or nil for a printable scalar.
    public static func controlKey(_ scalar: Unicode.Scalar) -> Key? {
        switch scalar.value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(scalar.value + 0x60)!))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80..<0xA0: return .unknown(Int(scalar.value))
        default: return nil
        }
    }
}
