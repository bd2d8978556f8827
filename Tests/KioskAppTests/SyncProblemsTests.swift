import DonorCore
import Foundation
import KioskApp
import KioskStore
import SyncWire
import Testing
import TerminalUI

/// The supervisor's sync-problems screen (F4 in Settings) and the registry-download progress.
@Suite struct SyncProblemsTests {
    /// A flagged donation (newest) and a refused deferral, as the store services resolve them.
    static let problems = [
        SyncProblemEntry(kind: "donation.recorded", date: LocalDate(iso: "2026-06-30")!,
                         donation: Donation(id: "d1", date: LocalDate(iso: "2026-06-30")!, kind: .wholeBlood, volumeML: 400),
                         donorName: "王小明", maskedID: "1401**********0012", author: "李护士", verdict: .flagged(["interval_conflict"])),
        SyncProblemEntry(kind: "deferral.added", date: LocalDate(iso: "2026-06-29")!, donorName: "赵丽", maskedID: "1401**********0027",
                         author: "李护士", verdict: .rejected(code: "unknown_rule", message: "The policy has no deferral rule 'x'.")),
    ]

    static func supervisorOnProblems(_ entries: [SyncProblemEntry], language: String = "zh-Hans") async -> Driver {
        let services = Fixture.services()
        await services.setSyncProblems(entries)
        var driver = await Driver(services, language: language)
        await driver.signIn("3001", "333333")
        await driver.press(.function(7))
        await driver.press(.function(4))
        return driver
    }

    @Test func settingsCountsTheProblemsAndF4ListsThemNewestFirstInPlainWords() async {
        let services = Fixture.services()
        await services.setSyncProblems(Self.problems)
        var driver = await Driver(services)
        await driver.signIn("3001", "333333")
        await driver.press(.function(7))
        #expect(driver.screen().contains("同步问题：2 条（F4 查看）"))
        #expect(driver.screen().contains("F4同步问题"))
        await driver.press(.function(4))
        #expect(driver.screenName == "syncProblems")
        let lines = driver.screen().components(separatedBy: "\n")
        #expect(lines.contains { $0.contains("同步问题（2）") })
        #expect(lines.contains { $0.contains("只读：这些记录由血液中心的工作人员处理") })
        let donation = lines.firstIndex { $0.contains("2026-06-30 献血 全血 400 ml · 王小明 1401**********0012 · 李护士") }
        let deferral = lines.firstIndex { $0.contains("2026-06-29 暂缓献血 · 赵丽 1401**********0027 · 李护士") }
        #expect(donation != nil && deferral != nil && donation! < deferral!)
        #expect(lines[donation! + 1].contains("中心已标记待审核：间隔冲突：与另一献血屋的献血相隔不足规定间隔"))
        #expect(lines[deferral! + 1].contains("中心拒收：政策中没有这条暂缓规则"))
        await driver.press(.escape)
        #expect(driver.screenName == "settings")
    }

    @Test func anEmptyListSaysThereIsNothingAndSettingsCountsZero() async {
        var driver = await Self.supervisorOnProblems([])
        #expect(driver.screen().contains("没有被拒绝或标记的记录"))
        #expect(driver.screen().contains("同步问题（0）"))
        await driver.press(.escape)
        #expect(driver.screen().contains("同步问题：0 条（F4 查看）"))
    }

    @Test func unknownCodesShowTheCentresMessageAndUnknownFlagsTheirCode() async {
        let driver = await Self.supervisorOnProblems([
            SyncProblemEntry(kind: "card.activated", date: LocalDate(iso: "2026-06-30")!, donorName: "王小明", maskedID: "1401**********0012",
                             author: "3001", verdict: .rejected(code: "brand_new_code", message: "Something new went wrong.")),
            SyncProblemEntry(kind: "future.kind", date: LocalDate(iso: "2026-06-30")!, donorName: nil, maskedID: nil,
                             author: "1001", verdict: .flagged(["new_flag", "card_mismatch"])),
        ], language: "en")
        let screen = driver.screen()
        #expect(screen.contains("2026-06-30 Card activated · 王小明 1401**********0012 · 3001"))
        #expect(screen.contains("Refused by the centre: Something new went wrong."))
        #expect(screen.contains("2026-06-30 future.kind · 1001"))
        #expect(screen.contains("Flagged by the centre for review: new_flag; card mismatch: the centre's"))
    }

    @Test func theListScrollsToTheSelectedEntry() async {
        let many = (1...12).map { day in
            SyncProblemEntry(kind: "donation.voided", date: LocalDate(year: 2026, month: 6, day: 30 - day)!, donorName: "献血者\(day)",
                             maskedID: nil, author: "张站长", verdict: .rejected(code: "unknown_target", message: ""))
        }
        var driver = await Self.supervisorOnProblems(many)
        #expect(driver.screen().contains("献血者1 "))
        #expect(!driver.screen().contains("献血者12 "))
        for _ in 1...11 { await driver.press(.down) }
        #expect(driver.screen().contains("2026-06-18 作废献血记录 · 献血者12 · 张站长"))
        #expect(!driver.screen().contains("献血者1 "))
    }

    @Test func aVolunteerCannotOpenSettingsOrTheList() async {
        let services = Fixture.services()
        await services.setSyncProblems(Self.problems)
        var driver = await Driver(services)
        await driver.signIn("1001", "111111")
        await driver.press(.function(7))
        #expect(driver.screenName == "home")
        // Even on a settings screen left open by a supervisor, F4 refuses a volunteer.
        driver.state.screen = .settings(SettingsScreen())
        await driver.press(.function(4))
        #expect(driver.screenName == "settings")
        #expect(driver.screen().contains("只有站长可以打开这一页"))
        #expect(!driver.screen().contains("王小明"))
    }

    @Test func whileTheRegistryDownloadsANumberNotFoundSaysSoInsteadOfNotFound() async {
        let services = Fixture.services()
        await services.setBootstrap(BootstrapProgress(applied: 63_000, fraction: 0.63))
        var driver = await Driver(services)
        await driver.signIn("1001", "111111")
        let home = driver.screen()
        #expect(home.contains("正在下载名册"))
        #expect(home.contains("63%"))
        #expect(home.contains("已载入 63,000 条"))
        await driver.press(.function(2))
        await driver.scan(Fixture.newDonorID)
        #expect(driver.screen().contains("名册仍在下载（63%），这位献血者可能还没载入"))
        await driver.press(.escape, .escape, .function(4))
        await driver.scan(Fixture.newDonorID)
        #expect(driver.screen().contains("名册仍在下载（63%），暂时找不到这位献血者，请稍后再查"))
        // Done: the line goes away and not found reads as before.
        await services.setBootstrap(nil)
        await driver.send(.syncPolled(await services.syncStatus()))
        #expect(!driver.screen().contains("正在下载名册"))
        await driver.scan(Fixture.newDonorID)
        #expect(driver.screen().contains("没有找到这位献血者"))
    }

    /// `StoreKioskServices` on a real SQLite file: the centre's verdicts read back with names.
    @Test func storeServicesResolveDonorAuthorAndDonationOfEachProblem() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-problems-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try KioskStore.open(directory: folder.path, keyFile: folder.appendingPathComponent("kiosk.key").path, deviceName: "test")
        try store.createStaff(number: "2001", name: "李护士", role: .nurse, pin: "222222", author: "test")
        _ = try store.importDonors(Fixture.donors, author: "test")
        let services = StoreKioskServices(store: store, policy: Fixture.policy, signer: MarkingSigner(), today: { Fixture.today })
        let donor = try #require(try store.donor(idNumber: Fixture.regularID))
        try store.recordDonation(for: donor.id, DonationFacts(date: Fixture.today, kind: .wholeBlood, volumeML: 300), author: "2001")
        try store.addDeferral(to: donor.id, rule: "dental_minor", source: .staff, from: Fixture.today,
                              until: LocalDate(year: 2026, month: 7, day: 4), author: "9999")
        let sent = try store.pendingOutbox()
        try store.acknowledgePush([
            PushResult(id: sent[0].id.rawValue, status: .accepted, flags: ["interval_conflict"]),
            PushResult(id: sent[1].id.rawValue, status: .rejected, reason: WireErrorDetail(code: "unknown_rule", message: "No such rule.")),
        ])
        let problems = try await services.syncProblems()
        #expect(problems.count == 2)
        // A deferral is dated by when it was written, in the house's time zone.
        let written = LocalDate(Date(timeIntervalSince1970: Double(sent[1].hlc.milliseconds) / 1000),
                                in: TimeZone(identifier: Fixture.policy.timeZone)!)
        #expect(problems.first == SyncProblemEntry(
            kind: "deferral.added", date: written, donorName: donor.name, maskedID: donor.maskedIDNumber,
            author: "9999", verdict: .rejected(code: "unknown_rule", message: "No such rule.")))
        let donation = try #require(problems.last)
        #expect(donation.kind == "donation.recorded")
        #expect(donation.date == Fixture.today)
        #expect(donation.donation?.kind == .wholeBlood)
        #expect(donation.donation?.volumeML == 300)
        #expect(donation.donorName == donor.name)
        #expect(donation.maskedID == donor.maskedIDNumber)
        #expect(donation.author == "李护士")
        #expect(donation.verdict == .flagged(["interval_conflict"]))
        #expect(await services.syncStatus().problems == 2)
    }
}
