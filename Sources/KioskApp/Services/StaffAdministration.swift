import DonorCore

/// One staff account as the settings screen lists it (never a PIN or its hash).
public struct StaffMember: Sendable, Hashable {
    public var number: String
    public var name: String
    public var role: Viewer
    /// Locked after too many wrong PINs, until a supervisor unlocks it or the lock-out ends.
    public var locked: Bool

    public init(number: String, name: String, role: Viewer, locked: Bool) {
        self.number = number
        self.name = name
        self.role = role
        self.locked = locked
    }
}

/// A new account as a supervisor enters it on the settings screen.
public struct NewStaff: Sendable, Hashable {
    public var number: String
    public var name: String
    public var role: Viewer
    public var pin: String

    public init(number: String, name: String, role: Viewer, pin: String) {
        self.number = number
        self.name = name
        self.role = role
        self.pin = pin
    }
}

/// What the settings screen shows about this kiosk: read from kiosk.conf, changed there (the
/// file is the one place an IT person looks), so the screen only shows it.
public struct HouseSettings: Sendable, Hashable {
    public var houseID: String
    public var houseName: String
    /// "taiyuan@2026.06".
    public var policy: String
    /// Nil: the kiosk works offline only.
    public var server: String?
    /// A device credential from `kiosk enroll` is present.
    public var enrolled: Bool
    public var configurationFile: String?
    public var dataDirectory: String
    public var staffIdleSeconds: Int
    public var selfServiceIdleSeconds: Int

    public init(houseID: String, houseName: String, policy: String, server: String?, enrolled: Bool,
                configurationFile: String?, dataDirectory: String, staffIdleSeconds: Int, selfServiceIdleSeconds: Int) {
        self.houseID = houseID
        self.houseName = houseName
        self.policy = policy
        self.server = server
        self.enrolled = enrolled
        self.configurationFile = configurationFile
        self.dataDirectory = dataDirectory
        self.staffIdleSeconds = staffIdleSeconds
        self.selfServiceIdleSeconds = selfServiceIdleSeconds
    }
}
