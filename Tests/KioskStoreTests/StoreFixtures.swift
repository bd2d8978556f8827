import DonorCore
import Foundation
import KioskStore
import Synchronization
import Testing

/// Where a test's store lives: every store test runs against both.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case inMemory, onDisk
    var testDescription: String { rawValue }
}

/// A wall clock a test can set and move (back, too).
final class TestClock: Sendable {
    private let millis: Mutex<Int64>
    init(_ start: Int64 = 1_780_000_000_000) { millis = Mutex(start) }
    var now: Int64 { millis.withLock { $0 } }
    func set(_ value: Int64) { millis.withLock { $0 = value } }
    func advance(_ delta: Int64) { millis.withLock { $0 += delta } }
    var wallClock: WallClock { WallClock { [self] in self.now } }
}

/// A temporary folder removed when the test ends.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "kiosk-store-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    var keyFile: String { path + "/kiosk.key" }
    var database: String { path + "/" + KioskStore.databaseFileName }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A store of the given kind; the TempDir keeps an on-disk store's folder alive.
struct Fixture {
    let store: KioskStore
    let dir: TempDir
    let clock: TestClock

    init(_ kind: StoreKind, clock: TestClock = TestClock(), staffPolicy: StaffPolicy = StaffPolicy()) throws {
        self.clock = clock
        dir = TempDir()
        switch kind {
        case .inMemory:
            store = try KioskStore.inMemory(clock: clock.wallClock, staffPolicy: staffPolicy)
        case .onDisk:
            store = try KioskStore.open(directory: dir.path, keyFile: dir.keyFile, deviceName: "house-1",
                                        clock: clock.wallClock, staffPolicy: staffPolicy)
        }
    }

    /// Reopens the on-disk store (a kiosk restart) with the same key.
    func reopen(clock: TestClock? = nil) throws -> KioskStore {
        try KioskStore.open(directory: dir.path, keyFile: dir.keyFile, deviceName: "house-1",
                            clock: (clock ?? self.clock).wallClock)
    }
}

func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

/// Valid resident ID numbers (checked by DonorCore's tests).
enum Sample {
    static let idA = "11010519491231002X"
    static let idB = "34052419800101001X"
    static let phoneA = "13912345678"

    static func donor(_ id: String = idA, name: String = "王小明", sex: Sex = .male, birth: String = "1949-12-31",
                      phone: String? = phoneA, history: [Donation] = []) -> RegistryDonor {
        RegistryDonor(idNumber: id, name: name, sex: sex, birthDate: date(birth), phone: phone,
                      bloodType: BloodType("A+"), history: history)
    }

    /// A registry of `count` donors with three donations each and made-up (unchecked) numbers.
    static func registry(count: Int, from start: Int = 0) -> [RegistryDonor] {
        (start..<(start + count)).map { i in
            let digits = String(format: "%017d", 110_105_000_000_000 + i)
            return RegistryDonor(
                idNumber: digits + "X", name: "献血者\(i)", sex: i % 2 == 0 ? .male : .female,
                birthDate: LocalDate(year: 1970 + i % 30, month: 1 + i % 12, day: 1 + i % 28)!,
                phone: String(format: "139%08d", i),
                history: (0..<3).map { k in
                    Donation(id: "", date: LocalDate(year: 2020 + k, month: 3, day: 1)!, kind: .wholeBlood, volumeML: 400)
                })
        }
    }
}
