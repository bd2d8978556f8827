// Test helper for the kill -9 durability test: opens the store at a folder and records
// donations in a loop, printing each donation's event id on stdout (flushed) only after its
// transaction committed. The test SIGKILLs it at random moments and checks that every id it
// printed is in the reopened database.
//
// Usage: kiosk-store-crashwriter DIRECTORY KEYFILE [COUNT]
//        kiosk-store-crashwriter --apply DIRECTORY KEYFILE   (pages of the centre's events; see PageApplier)
import DonorCore
import Foundation
import KioskStore
import SyncWire

let arguments = CommandLine.arguments
if arguments.count == 4, arguments[1] == "--apply" {
    do {
        try PageApplier.run(directory: arguments[2], keyFile: arguments[3])
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("crashwriter: \(error)\n".utf8))
        exit(1)
    }
}
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: kiosk-store-crashwriter DIRECTORY KEYFILE [COUNT]\n".utf8))
    exit(64)
}
let limit = arguments.count > 3 ? Int(arguments[3]) ?? Int.max : Int.max

do {
    let store = try KioskStore.open(directory: arguments[1], keyFile: arguments[2], deviceName: "crashwriter")
    let idNumber = "11010519491231002X"
    let donor: DonorID
    if let existing = try store.donor(idNumber: idNumber) {
        donor = existing.id
    } else {
        donor = try store.registerDonor(
            RegistryDonor(idNumber: idNumber, name: "压力测试", sex: .female,
                          birthDate: LocalDate(year: 1949, month: 12, day: 31)!, phone: "13800138000"),
            author: "crashwriter")
    }
    var written = 0
    while written < limit {
        let facts = DonationFacts(date: LocalDate(year: 2026, month: 1, day: 1)!.adding(days: written % 300),
                                  kind: .wholeBlood, volumeML: 400, bagNumber: UUID().uuidString)
        let donation = try store.recordDonation(for: donor, facts, author: "crashwriter")
        // An unbuffered write(2): the line leaves the process before the next transaction starts.
        FileHandle.standardOutput.write(Data((donation.id + "\n").utf8))
        written += 1
    }
} catch {
    FileHandle.standardError.write(Data("crashwriter: \(error)\n".utf8))
    exit(1)
}
