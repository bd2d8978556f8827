import CNCursesW

/// A source of raw input batches for the app loop.
public protocol InputSource: AnyObject {
    /// Waits up to `timeoutMilliseconds` for input, then returns everything that arrived in
    /// one burst (empty when nothing came).
    func nextBatch(timeoutMilliseconds: Int32) -> [RawInput]
    /// True once the terminal is gone (hung up, closed): no input will ever come again.
    var hasHungUp: Bool { get }
}

/// Reads `get_wch` from the curses screen and groups input into bursts.
///
/// After the first character it keeps reading while the next one follows within
/// `burstGapMilliseconds`, so a scanner typing 30 characters in 50 ms, a paste, or an input
/// method's commit lands in one batch. A person's keys are further apart than that.
public final class NCursesInput: InputSource {
    /// The longest pause between two characters of one burst.
    public var burstGapMilliseconds: Int32
    /// A cap on one batch, so an endless paste still lets the screen refresh.
    public var maximumBatch: Int
    /// How long to wait for the Enter that may end a long printable run: a scanner's Enter
    /// can trail its characters when the machine is busy, and must not become a separate key.
    public var scanEnterWaitMilliseconds: Int32 = 80
    /// The printable run length after which the reader waits for a trailing Enter.
    public var scanRunLength = 6

    /// A reader of the curses screen that `NCursesBackend` started.
    public init(burstGapMilliseconds: Int32 = 12, maximumBatch: Int = 4096) {
        self.burstGapMilliseconds = burstGapMilliseconds
        self.maximumBatch = maximumBatch
    }

    public private(set) var hasHungUp = false

    public func nextBatch(timeoutMilliseconds: Int32) -> [RawInput] {
        let screen = kiosk_stdscr()
        var batch: [RawInput] = []
        wtimeout(screen, timeoutMilliseconds)
        guard let first = readOne() else {
            // Nothing within the timeout, or a terminal that has gone: curses cannot tell us
            // which, poll can.
            if kiosk_terminal_hung_up() != 0 { hasHungUp = true }
            return []
        }
        batch.append(first)
        wtimeout(screen, burstGapMilliseconds)
        while batch.count < maximumBatch {
            if let next = readOne() {
                batch.append(next)
                continue
            }
            guard trailingPrintableRun(batch) >= scanRunLength else { break }
            wtimeout(screen, scanEnterWaitMilliseconds)
            guard let next = readOne() else { break }
            batch.append(next)
            wtimeout(screen, burstGapMilliseconds)
        }
        return batch
    }

    /// How many printable scalars end the batch.
    private func trailingPrintableRun(_ batch: [RawInput]) -> Int {
        var count = 0
        for raw in batch.reversed() {
            guard case .scalar(let scalar) = raw, InputDecoder.controlKey(scalar) == nil else { break }
            count += 1
        }
        return count
    }

    private func readOne() -> RawInput? {
        var value: wint_t = 0
        let result = wget_wch(kiosk_stdscr(), &value)
        if result == KEY_CODE_YES {
            if Int32(value) == KEY_RESIZE {
                return .resize(Size(width: Int(kiosk_cols()), height: Int(kiosk_lines())))
            }
            return .key(NCursesKeyMap.key(forCode: Int32(value)))
        }
        if result == OK, let scalar = Unicode.Scalar(UInt32(value)) {
            return .scalar(scalar)
        }
        return nil
    }
}

/// The names of curses key codes (`KEY_*`).
public enum NCursesKeyMap {
    /// The key for a code that `get_wch` returned with KEY_CODE_YES.
    public static func key(forCode code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case kiosk_key_f(1)...kiosk_key_f(24): return .function(Int(code - kiosk_key_f(0)))
        default: return .unknown(Int(code))
        }
    }
}
