import Crypto
import _CryptoExtras
import Foundation

/// Hashes and checks staff PINs with scrypt and a random salt per account.
enum PINHasher {
    static let hashByteCount = 32
    static let saltByteCount = 16

    struct Hashed {
        var hash: Data
        var salt: Data
        var n: Int, r: Int, p: Int
    }

    static func hash(_ pin: String, policy: StaffPolicy) throws(StoreError) -> Hashed {
        var salt = Data(count: saltByteCount)
        salt.withUnsafeMutableBytes { buffer in
            var rng = SystemRandomNumberGenerator()
            for i in buffer.indices { buffer[i] = rng.next() }
        }
        return Hashed(hash: try derive(pin, salt: salt, n: policy.scryptN, r: policy.scryptR, p: policy.scryptP),
                      salt: salt, n: policy.scryptN, r: policy.scryptR, p: policy.scryptP)
    }

    /// Whether `pin` matches the stored hash (constant-time comparison).
    static func verify(_ pin: String, against stored: Hashed) throws(StoreError) -> Bool {
        let candidate = try derive(pin, salt: stored.salt, n: stored.n, r: stored.r, p: stored.p)
        guard candidate.count == stored.hash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, stored.hash) { difference |= a ^ b }
        return difference == 0
    }

    private static func derive(_ pin: String, salt: Data, n: Int, r: Int, p: Int) throws(StoreError) -> Data {
        do {
            let key = try KDF.Scrypt.deriveKey(from: Data(pin.utf8), salt: salt, outputByteCount: hashByteCount,
                                               rounds: n, blockSize: r, parallelism: p)
            return key.withUnsafeBytes { Data($0) }
        } catch {
            // Never include the PIN; the parameters are not secret.
            throw StoreError(.database, "cannot hash the PIN (scrypt N=\(n) r=\(r) p=\(p))", field: "pin")
        }
    }
}
