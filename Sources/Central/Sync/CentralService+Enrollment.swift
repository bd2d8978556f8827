import Foundation
import SyncWire

/// Houses, enrolment tokens, device credentials.
extension CentralService {
    /// Adds a house in the centre's city (or `city`).
    public func addHouse(id: String, name: String, city: String? = nil) async throws -> House {
        guard EnvelopeCheck.isIdentifier(id) else {
            throw CentralError.badRequest("invalid_house_id", "A house id is 1 to 64 letters, digits, '-', '_' or '.'.")
        }
        guard id != EventKind.centralHouse else { throw CentralError.badRequest("invalid_house_id", "'central' is reserved for the centre.") }
        guard !name.isEmpty, name.count <= 100, EnvelopeCheck.isPlainText(name) else {
            throw CentralError.badRequest("invalid_name", "A house name is 1 to 100 characters without control characters.")
        }
        let house = House(id: id, name: name, city: city ?? self.city, createdAt: now)
        do {
            try await store.addHouse(house)
        } catch let error as StoreError where error.code == .conflict {
            throw CentralError(409, "house_exists", "A house with id \(id) exists already.")
        }
        return house
    }

    /// A one-time enrolment token for `house`, valid for `hours`. Only its hash is stored.
    public func issueEnrollToken(house: String, hours: Int) async throws -> (token: String, expiresAt: Int64) {
        guard try await store.house(id: house) != nil else {
            throw CentralError(404, "unknown_house", "There is no house \(house); add it first with `kiosk-central house add`.")
        }
        // Operators paste the token after `kiosk enroll --token`: a token starting with '-' (a
        // base64url character) would be read as an option, so every token starts with "et".
        let token = "et" + Credentials.random(bytes: 24)
        let expires = now + Int64(hours) * 3600
        try await store.addEnrollToken(hash: Credentials.hash(token), house: house, createdAt: now, expiresAt: expires)
        return (token, expires)
    }

    /// Trades a token for a device credential; the token works once.
    public func enroll(_ request: EnrollRequest) async throws -> EnrollResponse {
        guard !request.token.isEmpty, request.token.count <= 128, EnvelopeCheck.isIdentifier(String(request.token.prefix(64))) else {
            throw CentralError.badToken
        }
        if let name = request.deviceName, name.count > 100 || !EnvelopeCheck.isPlainText(name) {
            throw CentralError.badRequest("invalid_name", "A device name is at most 100 characters without control characters.")
        }
        if let key = request.signingKey, !CardCrypto.isPublicKey(key) {
            throw CentralError.badRequest("invalid_signing_key", "The signing key must be a 32-byte Ed25519 public key in base64url.")
        }
        guard let house = try await store.consumeEnrollToken(hash: Credentials.hash(request.token), now: now) else {
            throw CentralError.badToken
        }
        let id = "dev-" + UUID().uuidString.lowercased()
        let secret = Credentials.random()
        try await store.addDevice(Device(id: id, house: house, name: request.deviceName ?? id, secretHash: Credentials.hash(secret),
                                         signingKey: request.signingKey, createdAt: now))
        logger.info("device enrolled", metadata: ["house": .string(house), "device": .string(id)])
        return EnrollResponse(deviceID: id, secret: secret, house: house)
    }

    /// The device a bearer credential names, or the reason it is refused.
    public func authenticate(_ authorization: String?) async throws -> Device {
        guard let (id, secret) = Credentials.parseBearer(authorization), EnvelopeCheck.isIdentifier(id),
              let device = try await store.device(id: id) else { throw CentralError.unauthorized }
        guard Credentials.matches(device.secretHash, Credentials.hash(secret)) else { throw CentralError.unauthorized }
        guard device.revokedAt == nil else { throw CentralError.revoked }
        return device
    }
}
