import DonorCore
import Foundation
import KioskStore
import KioskTestSupport
import Testing

/// `kiosk eligibility ID` reads the vitals and questionnaire answers saved on the date asked
/// about, as the nurse's screen will save them.
@Suite struct StoreEligibilityTests {
    let li = residentID("34052419900215002")   // female, 1990-02-15

    /// Opens the house's store in this process, as the kiosk's screens will.
    func openStore(_ house: TestHouse) throws -> KioskStore {
        try KioskStore.open(directory: house.folder.path("data"), keyFile: house.folder.path("data/kiosk.key"),
                            deviceName: "test-house")
    }

    @Test func savedVitalsAndAnswersOfTheDayDecide() throws {
        let house = try TestHouse()
        try house.folder.write("donors.csv", "id_number,name\n\(li),李娜\n")
        try house.folder.write("donations.csv", "id_number,date,kind,volume_ml\n\(li),2026-01-10,whole_blood,200\n")
        #expect(try house.kiosk(["import", "donors", house.folder.path("donors.csv"), "--donations", house.folder.path("donations.csv")]).status == 0)
        let day = try #require(LocalDate(iso: "2026-08-01"))

        let store = try openStore(house)
        let donor = try #require(try store.donor(idNumber: li))
        try store.saveVitals(Vitals(weightKg: 52, systolic: 110, diastolic: 70, pulse: 70, temperatureCelsius: 36.5, haemoglobin: 125),
                             on: day, for: donor.id, author: "nurse-1")
        try store.close()
        let (eligible, decision) = try house.json(["eligibility", li, "--procedure", "whole_blood", "--on", day.iso])
        #expect(eligible.status == 0, "\(eligible.stdout)")
        #expect(decision["status"] as? String == "eligible")
        #expect((decision["missing"] as? [String]) == [])

        // The vitals were taken on 1 August: on the 2nd the checks are missing again.
        let (nextDay, later) = try house.json(["eligibility", li, "--procedure", "whole_blood", "--on", "2026-08-02"])
        #expect(nextDay.status == 1)
        #expect(later["status"] as? String == "incomplete")

        let again = try openStore(house)
        try again.saveAnswers(QuestionnaireAnswers(date: day, answers: ["cold": true]), for: donor.id, author: "nurse-1")
        try again.close()
        let (answered, deferred) = try house.json(["eligibility", li, "--procedure", "whole_blood", "--on", day.iso])
        #expect(answered.status == 1)
        let codes = (deferred["failures"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["questionnaire.deferral"])
    }
}
