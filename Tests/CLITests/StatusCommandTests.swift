import DonorCore
import Foundation
import KioskStore
import KioskTestSupport
import SyncWire
import Testing

/// `kiosk status` run as the real binary on a house's store.
@Suite("kiosk status")
struct StatusCommandTests {
    @Test func aNewKioskHasNothingWaitingAndNoPosition() throws {
        let house = try TestHouse(language: "en")
        let (run, object) = try house.json(["status"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(object["house"] as? String == "test-house")
        #expect(object["pending"] as? Int == 0)
        #expect(object["rejected"] as? Int == 0)
        #expect(object["quarantined"] as? Int == 0)
        #expect(object["flagged"] as? Int == 0)
        #expect(object["cursor"] is NSNull)
        #expect(object["bootstrapping"] as? Bool == false)
        #expect(object["last_push"] is NSNull)
        #expect(object["last_pull"] is NSNull)
        #expect(object["last_error"] is NSNull)
        #expect(object["online"] as? Bool == false)
        #expect(Set(object.keys) == ["house", "device", "online", "pending", "rejected", "quarantined", "flagged", "cursor", "bootstrapping", "snapshot_applied",
                                     "last_push", "last_pull", "last_error", "last_error_at"])
    }

    @Test func statusShowsWaitingRefusedFlaggedPositionAndTheLastErrorInJSONAndText() throws {
        let house = try TestHouse(language: "en")
        let store = try KioskStore.open(directory: house.folder.path("data"), keyFile: house.folder.path("data/kiosk.key"),
                                        deviceName: "test-house")
        let donor = try store.registerDonor(RegistryDonor(idNumber: "110105199002150023", name: "王芳", sex: .female,
                                                          birthDate: LocalDate(iso: "1990-02-15")!), author: "v1")
        try store.recordDonation(for: donor, DonationFacts(date: LocalDate(iso: "2026-05-01")!, kind: .wholeBlood, volumeML: 400),
                                 author: "n1")
        try store.addDeferral(to: donor, rule: "dental_minor", source: .staff, from: LocalDate(iso: "2026-05-01")!,
                              until: LocalDate(iso: "2026-05-04")!, author: "n1")
        let pending = try store.pendingOutbox()
        try store.acknowledgePush([PushResult(id: pending[0].id.rawValue, status: .accepted, flags: ["duplicate_registration"]),
                                   PushResult(id: pending[1].id.rawValue, status: .rejected,
                                              reason: WireErrorDetail(code: "donation_exists", message: "Recorded already."))])
        _ = try store.applyRemote([], mark: PullMark(cursor: "4711"))
        try store.recordSyncError("the centre cannot be reached")
        let device = store.deviceID
        try store.close()

        let (run, object) = try house.json(["status"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(object["device"] as? String == device)
        #expect(object["pending"] as? Int == 1)
        #expect(object["rejected"] as? Int == 1)
        #expect(object["quarantined"] as? Int == 1)
        #expect(object["flagged"] as? Int == 1)
        #expect(object["cursor"] as? String == "4711")
        #expect(object["bootstrapping"] as? Bool == false)
        #expect((object["last_push"] as? String)?.hasSuffix("Z") == true)
        #expect((object["last_pull"] as? String)?.hasSuffix("Z") == true)
        #expect(object["last_error"] as? String == "the centre cannot be reached")
        #expect(object["last_error_at"] is String)
        #expect(object["online"] as? Bool == false)  // the error came after the last push and pull

        let text = try house.kiosk(["status"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 9)
        #expect(lines[0] == "Sync status of test-house (device \(device))")
        #expect(lines[1] == "Offline: no successful contact with the centre since the last error (or ever)")
        #expect(lines[2] == "Waiting to be sent: 1")
        #expect(lines[3] == "Refused by the centre (a supervisor must look): 1")
        #expect(lines[4] == "Flagged by the centre for review (see Settings → Sync problems): 1")
        #expect(lines[5] == "Centre position: 4711")
        #expect(lines[6].hasPrefix("Last push: 20"))
        #expect(lines[7].hasPrefix("Last pull: 20"))
        #expect(lines[8].hasPrefix("Last error (20") && lines[8].hasSuffix("): the centre cannot be reached"))
    }

    @Test func plainTextSpeaksTheHousesLanguage() throws {
        let house = try TestHouse()
        let run = try house.kiosk(["status"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.dropFirst()) == ["离线：自上次出错以来（或从未）与中心通信成功", "待上传：0 条", "被中心拒收（需主管处理）：0 条", "中心标记待审核（见 设置 → 同步问题）：0 条", "中心位置：尚未载入全市数据", "最近上传：从未", "最近下载：从未"])
    }
}
