import DonorCore
import Foundation
import KioskStore
import KioskTestSupport
import SyncWire
import Testing

/// The real `kiosk` binary in tmux: a supervisor opens the list of events the centre refused.
extension TmuxKioskTests {
    @Test func aSupervisorSeesTheDonationTheCentreRefusedWithItsReason() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The first start seeds the demo house; then the kiosk is closed.
        let first = try Kiosk(command: ProductBinary.path("kiosk"), folder: folder)
        try first.press("F10")
        _ = try first.session.waitForExit(timeout: 10)

        // A donation the centre refused, recorded through the store as the sync would.
        let data = folder.appendingPathComponent("kiosk-data").path
        let store = try KioskStore.open(directory: data, keyFile: data + "/kiosk.key", deviceName: "demo-house")
        let donor = try #require(try store.donor(idNumber: Self.city[0].idNumber))
        try store.recordDonation(for: donor.id, DonationFacts(date: Self.today, kind: .wholeBlood, volumeML: 400), author: "2001")
        let event = try #require(try store.pendingOutbox(limit: 100_000).last)
        try store.acknowledgePush([PushResult(id: event.id.rawValue, status: .rejected,
                                              reason: WireErrorDetail(code: "donation_exists", message: "A donation with this id is recorded already."))])
        try store.close()

        let kiosk = try Kiosk(command: ProductBinary.path("kiosk"), folder: folder)
        try kiosk.signIn("3001", "333333")
        try kiosk.press("F7")
        try kiosk.wait("同步问题：1 条（F4 查看）")
        try kiosk.press("F4")
        let screen = try kiosk.wait("中心拒收：这次献血在中心已有记录")
        #expect(screen.contains("同步问题（1）"))
        #expect(screen.contains("\(Self.today.iso) 献血 全血 400 ml · \(donor.name) \(donor.maskedIDNumber) · 李护士"))
        #expect(!screen.contains(donor.idNumber))
        try kiosk.press("F12")
        try kiosk.wait("Refused by the centre: the centre already has this donation")
        try kiosk.press("Escape")
        try kiosk.wait("Sync problems: 1 (F4 to see)")
        withExtendedLifetime(first) {}
    }
}
