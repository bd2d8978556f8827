import DonorCore
import Foundation
import SyncWire

/// Certificate verification: signature, then the centre's record of the activation.
extension CentralService {
    /// The verdict on a card QR payload.
    public func verify(_ payload: String) async throws -> VerifyResponse {
        guard let (claims, signed, signature) = CardQR.parse(payload) else {
            return VerifyResponse(status: .malformed, message: "This is not a card QR code.")
        }
        guard EnvelopeCheck.isIdentifier(claims.keyID), let device = try await store.device(id: claims.keyID), let key = device.signingKey else {
            return VerifyResponse(status: .unknownKey, message: "The card was signed by a kiosk the centre does not know.", card: claims)
        }
        guard CardCrypto.verify(signed: signed, signature: signature, publicKey: key) else {
            return VerifyResponse(status: .badSignature, message: "The signature does not match: the card is forged or altered.", card: claims)
        }
        if let revokedAt = device.revokedAt, claims.issuedAt >= LocalDate(epochSeconds: revokedAt, timeZone: policy.timeZone) {
            return VerifyResponse(status: .revoked, message: "The kiosk that signed the card was revoked before it was issued.", card: claims)
        }
        let records = try await store.certificates(pseudonym: claims.pseudonym)
        guard let record = records.last(where: {
            $0.card == claims.card.rawValue && $0.issuedAt == claims.issuedAt.iso && $0.validThrough == claims.validThrough?.iso
                && $0.keyID == claims.keyID
        }) else {
            return VerifyResponse(status: .unknownCertificate, message: "The signature is good but the centre has no record of this activation yet.", card: claims)
        }
        if record.revoked {
            return VerifyResponse(status: .revoked, message: "The certificate was withdrawn.", card: claims)
        }
        if records.contains(where: { !$0.revoked && $0.hlc > record.hlc && $0.activationID != record.activationID }) {
            return VerifyResponse(status: .superseded, message: "A newer certificate was issued to the same donor.", card: claims)
        }
        if let end = claims.validThrough, end < today {
            return VerifyResponse(status: .expired, message: "The certificate was valid through \(end.iso).", card: claims)
        }
        return VerifyResponse(status: .valid, message: "Valid: signed by an enrolled kiosk and in force today.", card: claims)
    }
}

extension LocalDate {
    /// The calendar date of an instant in a time zone.
    init(epochSeconds: Int64, timeZone: String) {
        self.init(Date(timeIntervalSince1970: TimeInterval(epochSeconds)),
                  in: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!)
    }
}
