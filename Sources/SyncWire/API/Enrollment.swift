/// `POST /v1/enroll`: a kiosk trades a one-time token for its device credential.
public struct EnrollRequest: Codable, Sendable, Hashable {
    public var token: String
    /// A name for the operators' lists ("bus 2 kiosk").
    public var deviceName: String?
    /// The kiosk's Ed25519 public key (32 bytes, base64url) for card QR codes.
    public var signingKey: String?

    public init(token: String, deviceName: String? = nil, signingKey: String? = nil) {
        self.token = token
        self.deviceName = deviceName
        self.signingKey = signingKey
    }

    enum CodingKeys: String, CodingKey {
        case token
        case deviceName = "device_name"
        case signingKey = "signing_key"
    }
}

/// The device credential, shown once. Requests carry `Authorization: Bearer <device_id>.<secret>`.
public struct EnrollResponse: Codable, Sendable, Hashable {
    public var deviceID: String
    public var secret: String
    public var house: String
    /// The whole bearer token, ready to store.
    public var bearer: String

    public init(deviceID: String, secret: String, house: String) {
        self.deviceID = deviceID
        self.secret = secret
        self.house = house
        self.bearer = "\(deviceID).\(secret)"
    }

    enum CodingKeys: String, CodingKey {
        case secret, house, bearer
        case deviceID = "device_id"
    }
}

/// The body of every error answer: `{"error": {"code", "message"}}`.
public struct WireErrorBody: Codable, Sendable, Hashable {
    public var error: WireErrorDetail
    public init(error: WireErrorDetail) { self.error = error }
}

/// A machine-readable code and a plain sentence for a person.
public struct WireErrorDetail: Codable, Sendable, Hashable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
