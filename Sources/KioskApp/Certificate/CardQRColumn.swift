import TerminalUI

/// The signed card's QR code drawn at the right of `area` (the certificate screen and the
/// donor's own page show it the same way, so a gate scans both alike).
enum CardQRColumn {
    /// Draws the code for `signed` at the right, when there is one, and returns the area left
    /// for the text. The quiet zone is 2 modules so that a version-5 code fits at 80×24.
    static func draw(_ signed: SignedCard?, in area: Rect, into buffer: inout Buffer) -> Rect {
        guard let signed, let code = QRCode(signed.qrText, correction: .low) else { return area }
        let view = QRCodeView(code: code, quietZone: 2)
        let columns = Layout.columns(area, [.min(30), .fixed(view.size.width)], spacing: 1)
        view.render(in: columns[1], into: &buffer)
        return columns[0]
    }
}
