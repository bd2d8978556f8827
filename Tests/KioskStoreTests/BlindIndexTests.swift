import Crypto
import Foundation
@testable import KioskStore
import SyncWire
import Testing

/// The blind index is stored in every donor row: it must stay HMAC-SHA256 under the key derived
/// from the master key, over `domain ‖ 0 ‖ value`, cut to 16 bytes, whatever way it is computed.
@Suite("Blind index")
struct BlindIndexTests {
    static let master = SymmetricKey(data: Data((0..<32).map { UInt8($0) }))

    static func expected(_ value: String, domain: String) -> Data {
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, salt: Data("kiosk-store".utf8),
                                         info: Data("blind-index-v1".utf8), outputByteCount: 32)
        var mac = HMAC<SHA256>(key: key)
        mac.update(data: Data(domain.utf8) + [0] + Data(value.utf8))
        return Data(mac.finalize().prefix(16))
    }

    @Test func eachIndexIsTheKeyedHashOfItsDomainAndValueAloneWhateverCameBefore() {
        let cipher = FieldCipher(masterKey: Self.master)
        let inputs = [("11010519491231002X", "id"), ("13800001111", "phone"), ("11010519491231002X", "id"), ("", "phone")]
        for (value, domain) in inputs {
            #expect(cipher.blindIndex(value, domain: domain) == Self.expected(value, domain: domain), "\(domain) \(value)")
        }
        #expect(cipher.blindIndex("13800001111", domain: "id") != cipher.blindIndex("13800001111", domain: "phone"))
        #expect(cipher.keyCheck.hexString == Self.expected("key-check", domain: "key-check").hexString)
    }
}
