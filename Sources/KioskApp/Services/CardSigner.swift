import DonorCore
import Foundation
import SyncWire

/// Signs card QR codes. The kiosk signs with an Ed25519 key kept beside its key file; the code
/// is `SyncWire.CardQR`, the format the centre's `/v1/verify` reads.
public protocol CardSigner: Sendable {
    /// The signature over `data`.
    func sign(_ data: Data) throws(ServiceError) -> Data
}

extension CardSigner {
    /// The QR text the certificate screen shows for a donor's card: `CardQR` with the donor
    /// key's pseudonym (the kiosk's donor record id is the donor key on the wire), signed here.
    public func qrText(donorKey: String, card: CardKind, tierIndex: Int?, until: LocalDate?) throws(ServiceError) -> String {
        let claims = CardQR.Claims(pseudonym: CardQR.pseudonym(donorKey: donorKey), card: card, tierIndex: tierIndex, validThrough: until)
        guard let signed = CardQR.signedBytes(claims) else { throw .storage("card pseudonym is not 8 bytes") }
        return CardQR.text(signed: signed, signature: try sign(Data(signed)))
    }
}
