import CNCursesW

/// The real terminal, through ncursesw.
///
/// Creating it sets the locale (falling back to C.UTF-8 so wide characters work even when
/// LANG is unset), starts curses in raw mode with the keypad on and a short Esc delay, and
/// installs handlers that restore the terminal on SIGTERM, SIGHUP, SIGINT and SIGQUIT.
/// Call `restore()` when done (the app loop does this on every exit path). Use from one
/// thread only: curses is not thread-safe.
public final class NCursesBackend: Backend {
    /// How many colours the terminal shows (found when curses starts).
    public private(set) var colorDepth: ColorDepth = .monochrome
    private var isActive = false
    private var characters = [wchar_t](repeating: 0, count: 9)

    /// Takes over the terminal.
    public init(escapeDelayMilliseconds: Int32 = 25) {
        NCursesBackend.setUTF8Locale()
        // ESCDELAY must be set before initscr to take effect everywhere; set_escdelay is the
        // function form, so no global is written from Swift.
        set_escdelay(escapeDelayMilliseconds)
        initscr()
        isActive = true
        raw()  // Ctrl-C/Ctrl-Q/Ctrl-S arrive as keys, never as signals or flow control.
        noecho()
        nonl()
        keypad(kiosk_stdscr(), true)
        intrflush(kiosk_stdscr(), false)
        if has_colors() {
            start_color()
            use_default_colors()
            let colors = kiosk_colors()
            colorDepth = colors >= 256 ? .colors256 : colors >= 8 ? .colors8 : .monochrome
        }
        kiosk_install_signal_handlers()
        curs_set(0)
    }

    deinit { restore() }

    /// Sets LC_ALL from the environment, or C.UTF-8 when that is not a UTF-8 locale.
    static func setUTF8Locale() {
        let chosen = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        let upper = chosen.uppercased()
        if !(upper.contains("UTF-8") || upper.contains("UTF8")) {
            if setlocale(LC_ALL, "C.UTF-8") == nil { _ = setlocale(LC_ALL, "C.utf8") }
        }
    }

    /// Gives the terminal back: leaves the alternate screen, restores modes. Safe to call twice.
    public func restore() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
    }

    public var size: Size { Size(width: Int(kiosk_cols()), height: Int(kiosk_lines())) }

    public func draw(_ updates: [CellUpdate]) {
        for update in updates {
            let style = update.cell.style.degraded(to: colorDepth)
            var count = 0
            for scalar in update.cell.symbol.unicodeScalars where count < 8 {
                characters[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            if count == 0 {
                characters[0] = wchar_t(UInt8(ascii: " "))
                count = 1
            }
            characters[count] = 0
            // The bottom-right cell cannot be written with add_wch without scrolling error;
            // curses returns ERR but still draws it, so the result is ignored.
            _ = kiosk_put_cell(Int32(update.y), Int32(update.x), characters, attributes(style), pair(style))
        }
    }

    public func setCursor(_ position: Position?) {
        if let position {
            move(Int32(position.y), Int32(position.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
    }

    public func clear() {
        wclear(kiosk_stdscr())
    }

    public func flush() {
        wrefresh(kiosk_stdscr())
    }

    public func takePendingSignal() -> Int32? {
        let signal = kiosk_take_pending_signal()
        return signal == 0 ? nil : signal
    }

    private func attributes(_ style: Style) -> attr_t {
        var result: attr_t = 0
        let attrs = style.attributes
        if attrs.contains(.bold) { result |= kiosk_attr_bold() }
        if attrs.contains(.dim) { result |= kiosk_attr_dim() }
        if attrs.contains(.italic) { result |= kiosk_attr_italic() }
        if attrs.contains(.underline) { result |= kiosk_attr_underline() }
        if attrs.contains(.reverse) { result |= kiosk_attr_reverse() }
        if attrs.contains(.blink) { result |= kiosk_attr_blink() }
        return result
    }

    /// The colour pair for a style; ncurses' alloc_pair keeps the pair table and recycles
    /// the least recently used pairs when it is full.
    private func pair(_ style: Style) -> Int32 {
        guard colorDepth != .monochrome else { return 0 }
        let fg = Int32(style.foreground.paletteIndex ?? -1)
        let bg = Int32(style.background.paletteIndex ?? -1)
        if fg == -1 && bg == -1 { return 0 }
        let pair = alloc_pair(fg, bg)
        return pair < 0 ? 0 : pair
    }
}
