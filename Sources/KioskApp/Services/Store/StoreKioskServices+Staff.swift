import DonorCore
import KioskStore

/// The settings screen's calls: the house as configured and the staff list.
extension StoreKioskServices {
    public func houseSettings() async -> HouseSettings {
        house ?? HouseSettings(houseID: "?", houseName: "?", policy: "\(policy.id)@\(policy.version)", server: nil, enrolled: false,
                               configurationFile: nil, dataDirectory: "?", staffIdleSeconds: 0, selfServiceIdleSeconds: 0)
    }

    public func staffList() async throws(ServiceError) -> [StaffMember] {
        try run { () throws(StoreError) in try store.allStaff() }.map {
            StaffMember(number: $0.number, name: $0.name, role: Viewer(rawValue: $0.role.rawValue) ?? .volunteer, locked: $0.lockedUntil != nil)
        }
    }

    public func addStaff(_ member: NewStaff, by staff: String) async throws(ServiceError) {
        let role = StaffAccount.Role(rawValue: member.role.rawValue) ?? .volunteer
        if member.pin.count >= store.staffPolicy.minimumPINLength, StaffPolicy.isGuessable(member.pin) { throw .pinGuessable }
        do {
            try store.createStaff(number: member.number, name: member.name, role: role, pin: member.pin, author: staff)
        } catch {
            switch (error.code, error.field) {
            case (.conflict, _): throw .staffExists
            case (.invalidInput, "pin"): throw .pinTooShort
            default: throw .storage(error.code.rawValue)
            }
        }
    }

    public func unlockStaff(number: String, by staff: String) async throws(ServiceError) {
        try run { () throws(StoreError) in try store.unlockStaff(number: number, author: staff) }
    }
}
