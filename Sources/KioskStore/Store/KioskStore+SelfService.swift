import DonorCore
import Foundation

extension KioskStore {
    /// A keyed hash of an ID number, for counting the self-service screen's wrong answers per
    /// ID in the audit trail without writing the number down (a different domain from the
    /// lookup index, so the two cannot be joined).
    public func selfServiceKey(idNumber: String) -> String {
        cipher.blindIndex(DonorKeys.idNumber(idNumber), domain: "self-service").prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}
