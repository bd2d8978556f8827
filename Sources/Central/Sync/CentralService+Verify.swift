import DonorCore
import Foundation
import SyncWire

/// Certificate verification: the code's pseudonym finds the activations, an activation names
/// the device whose key must verify the signature, then the activation's status decides.
extension CentralService {
    /// The verdict on a card QR code (`CardQR`, as the kiosk shows it).
    public func verify(_ payload: String) async throws -> VerifyResponse {
        guard let (claims, signed, signature) = CardQR.parse(payload) else {
            return VerifyResponse(status: .malformed, message: "This is not a card QR code.")
        }
        let tier = claims.tierIndex.flatMap { $0 < policy.tiers.count ? policy.tiers[$0].id : nil }
        let records = try await store.certificates(pseudonym: claims.pseudonym)
        guard !records.isEmpty else {
            return VerifyResponse(status: .unknownCertificate, message: "The centre has no card for this code (not synced yet, or forged).",
                                  card: claims, tier: tier)
        }
        // The signing device: the newest activation's device whose key verifies the signature.
        var knownKey = false
        var signer: Device?
        for keyID in Set(records.map(\.keyID)).sorted() {
            guard let device = try await store.device(id: keyID), let key = device.signingKey else { continue }
            knownKey = true
            if CardQR.verify(signed: signed, signature: signature, publicKey: key) {
                signer = device
                break
            }
        }
        guard let signer else {
            return knownKey
                ? VerifyResponse(status: .badSignature, message: "The signature does not match: the card is forged or altered.", card: claims, tier: tier)
                : VerifyResponse(status: .unknownKey, message: "The card was signed by a kiosk the centre does not know.", card: claims, tier: tier)
        }
        guard let record = records.last(where: {
            $0.keyID == signer.id && $0.card == claims.card.rawValue && $0.validThrough == claims.validThrough?.iso
                && (claims.tierIndex == nil || $0.tier == tier)
        }) else {
            return VerifyResponse(status: .unknownCertificate, message: "The signature is good but the centre has no record of this activation yet.",
                                  card: claims, tier: tier, keyID: signer.id)
        }
        let answer = { (status: VerifyResponse.Status, message: String) in
            VerifyResponse(status: status, message: message, card: claims, tier: tier, issuedAt: LocalDate(iso: record.issuedAt), keyID: signer.id)
        }
        if let revokedAt = signer.revokedAt, record.issuedAt >= LocalDate(epochSeconds: revokedAt, timeZone: policy.timeZone).iso {
            return answer(.revoked, "The kiosk that signed the card was revoked before it was issued.")
        }
        if record.revoked {
            return answer(.revoked, "The certificate was withdrawn.")
        }
        if records.contains(where: { !$0.revoked && $0.hlc > record.hlc && $0.activationID != record.activationID }) {
            return answer(.superseded, "A newer certificate was issued to the same donor.")
        }
        if let end = claims.validThrough, end < today {
            return answer(.expired, "The certificate was valid through \(end.iso).")
        }
        return answer(.valid, "Valid: signed by an enrolled kiosk and in force today.")
    }
}

extension LocalDate {
    /// The calendar date of an instant in a time zone.
    init(epochSeconds: Int64, timeZone: String) {
        self.init(Date(timeIntervalSince1970: TimeInterval(epochSeconds)),
                  in: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!)
    }
}
