import Foundation

/// The link to the central server as the status line shows it.
/// What the background sync knows about the link, read by `StoreKioskServices` for the header.
public struct SyncLink: Sendable, Hashable {
    public var online: Bool
    /// The last successful push or pull.
    public var lastSync: Date?
    /// Donors changed by pulled events since the last reading.
    public var changedDonors: Set<String>
    /// While a new kiosk downloads the registry: how far it is; nil otherwise.
    public var bootstrap: BootstrapProgress?

    public init(online: Bool, lastSync: Date?, changedDonors: Set<String> = [], bootstrap: BootstrapProgress? = nil) {
        self.online = online
        self.lastSync = lastSync
        self.changedDonors = changedDonors
        self.bootstrap = bootstrap
    }
}

/// How far a new kiosk's download of the registry (the centre's snapshot) has come.
public struct BootstrapProgress: Sendable, Hashable {
    /// Events applied so far.
    public var applied: Int
    /// How far through the centre's sequence (0…1), when known.
    public var fraction: Double?

    public init(applied: Int, fraction: Double?) {
        self.applied = applied
        self.fraction = fraction
    }
}

public struct SyncStatus: Sendable, Hashable {
    public var online: Bool
    public var pendingEvents: Int
    /// "YYYY-MM-DD HH:MM" of the last successful sync, nil when never.
    public var lastSync: String?
    /// Donors whose records the sync changed since the last status (a donation at another
    /// house, a deferral from the lab): the screens tell the volunteer when one is in front of them.
    public var changedDonors: Set<String>
    /// While the registry is still downloading (a new kiosk): how far; nil otherwise. A donor
    /// not found meanwhile may simply not be loaded yet.
    public var bootstrap: BootstrapProgress?
    /// Events the centre refused or flagged for review (the supervisor's sync problems).
    public var problems: Int

    public init(online: Bool, pendingEvents: Int, lastSync: String?, changedDonors: Set<String> = [],
                bootstrap: BootstrapProgress? = nil, problems: Int = 0) {
        self.online = online
        self.pendingEvents = pendingEvents
        self.lastSync = lastSync
        self.changedDonors = changedDonors
        self.bootstrap = bootstrap
        self.problems = problems
    }
}
