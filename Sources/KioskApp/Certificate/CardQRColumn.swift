import TerminalUI

/// The signed card's QR code drawn at the right of `area` (the certificate screen and the
/// donor's own page show it the same way, so a gate scans both alike).
enum CardQRColumn {
    /// The text beside the code needs at least this many columns.
    static let textColumns = 30

    /// Draws the code for `signed` at the right, when there is one, and returns the area left
    /// for the text. The quiet zone is the standard's 4 modules when the code fits with it,
    /// else 2, so that a version-5 code still fits at 80×24: the terminal's own background
    /// beyond it may be dark, and a phone camera finds the code more easily with the full margin.
    static func draw(_ signed: SignedCard?, in area: Rect, into buffer: inout Buffer) -> Rect {
        guard let signed, let code = QRCode(signed.qrText, correction: .low) else { return area }
        let full = QRCodeView(code: code, quietZone: 4)
        let fits = full.size.height <= area.height && full.size.width + 1 + textColumns <= area.width
        let view = fits ? full : QRCodeView(code: code, quietZone: 2)
        let columns = Layout.columns(area, [.min(textColumns), .fixed(view.size.width)], spacing: 1)
        view.render(in: columns[1], into: &buffer)
        return columns[0]
    }
}
