import DonorCore
import Foundation
import KioskStore
import SyncWire

/// `--apply` mode: applies pages of the centre's events in a loop, as the sync does, and prints
/// each page's cursor after its transaction committed. Page k holds `pageSize` registrations
/// (ids `p<k>-<i>`) at house-2 and carries cursor k, so after a kill the test can check that the
/// log holds exactly `pageSize` × cursor events: every page with its cursor, or neither.
enum PageApplier {
    static let pageSize = 10

    static func run(directory: String, keyFile: String) throws {
        let store = try KioskStore.open(directory: directory, keyFile: keyFile, deviceName: "crashwriter")
        while true {
            let next = (Int(try store.pullMark().cursor ?? "0") ?? 0) + 1
            let events = try (0..<pageSize).map { i in try registration(page: next, index: i) }
            _ = try store.applyRemote(events, mark: PullMark(cursor: String(next)))
            // An unbuffered write(2): the line leaves the process before the next transaction starts.
            FileHandle.standardOutput.write(Data("\(next)\n".utf8))
        }
    }

    static func registration(page: Int, index: Int) throws -> WireEvent {
        let id = "p\(page)-\(index)"
        let payload = DonorRegisteredPayload(donor: id, idNumber: "ID\(page)X\(index)", name: "压力测试", sex: .male,
                                             birthDate: LocalDate(year: 1990, month: 1, day: 1)!, phone: "13800138000")
        let hlc = HLC(milliseconds: 1_780_000_000_000 + Int64(page * pageSize + index), node: "house-2-kiosk")
        return WireEvent(id: id, kind: EventKind.donorRegistered.rawValue, house: "house-2", device: "house-2-kiosk",
                         author: "v2", hlc: hlc.description, donorKey: id, payload: try WireCoding.object(payload))
    }
}
