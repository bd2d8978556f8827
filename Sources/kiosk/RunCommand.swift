import ArgumentParser
import DonorCore
import Foundation
import KioskApp
import KioskStore
import KioskSync
import TerminalUI

/// `kiosk` (or `kiosk run`): the volunteer and nurse screens on the local store.
///
/// Without a configuration file it opens the demo house: a city of 2,000 synthetic donors
/// (seed 1) and the demo staff list of the README, created on first start.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "打开终端界面 · Open the kiosk screens (the default)."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .customLong("self-service"), help: "Start on the donor self-service screen (a kiosk facing the room); staff leave it with Ctrl-S and their number and PIN.")
    var selfService = false

    /// The demo staff: number, PIN, name, role. Printed in the README; only for the demo house.
    static let demoStaff: [(String, String, String, StaffAccount.Role)] = [
        ("1001", "111111", "王志愿", .volunteer),
        ("2001", "222222", "李护士", .nurse),
        ("3001", "333333", "张站长", .supervisor),
    ]
    /// How many synthetic donors the demo house starts with, and the city's seed.
    static let demoDonors = 2_000
    static let demoSeed: UInt64 = 1

    func run() throws {
        try CLIFailure.reporting {
            let configuration = try options.load()
            let policy: Policy
            let strings: [String: UIStrings]
            do {
                policy = try configuration.loadPolicy()
                strings = try Dictionary(uniqueKeysWithValues: UIStrings.languages.map { ($0, try configuration.loadStrings($0)) })
            } catch {
                throw CLIFailure("\(error)")
            }
            let timeZone = TimeZone(identifier: policy.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
            let today: @Sendable () -> LocalDate = { LocalDate(Date(), in: timeZone) }
            let store: KioskStore
            let signer: Ed25519CardSigner
            do {
                store = try KioskStore.open(configuration: configuration)
                if configuration.isDemo { try Self.seedDemo(store, policy: policy, today: today()) }
                // A real house starts with no one able to sign in: say how to make the first account.
                if try store.allStaff().isEmpty {
                    throw CLIFailure("""
                        no staff account yet: create the first supervisor with \
                        `kiosk staff add --config \(configuration.file ?? "kiosk.conf") --number N --name NAME --role supervisor`
                        """)
                }
                signer = try Ed25519CardSigner.loadOrCreate(besideKeyFile: configuration.keyFile)
            } catch let error as StoreError {
                throw CLIFailure("\(configuration.dataDirectory): \(error.description)")
            } catch let error as ServiceError {
                throw CLIFailure("\(error)")
            }
            let house = HouseSettings(
                houseID: configuration.houseID, houseName: configuration.houseName, policy: "\(policy.id)@\(policy.version)",
                server: configuration.serverURL,
                enrolled: FileManager.default.fileExists(atPath: DeviceCredential.path(in: configuration)),
                configurationFile: configuration.file, dataDirectory: configuration.dataDirectory,
                staffIdleSeconds: configuration.staffIdleSeconds, selfServiceIdleSeconds: configuration.selfServiceIdleSeconds)
            if selfService, configuration.selfServiceLimits == nil {
                throw CLIFailure("\(configuration.file ?? "kiosk.conf"): self_service: the donor screen needs a [self_service] table (max_failures_per_id, max_failures_per_kiosk, window_seconds, slow_down_seconds)")
            }
            let services = StoreKioskServices(store: store, policy: policy, signer: signer, today: today, house: house,
                                              selfServiceLimits: configuration.selfServiceLimits,
                                              syncLink: Self.startSync(store: store, configuration: configuration))
            let art = (configuration.assetsPath as NSString).appendingPathComponent("art")
            let app = KioskApp(
                services: services, policy: policy, strings: strings, houseName: configuration.houseName,
                language: configuration.language, staffIdleSeconds: configuration.staffIdleSeconds,
                selfServiceIdleSeconds: configuration.selfServiceIdleSeconds,
                exportDirectory: (configuration.dataDirectory as NSString).appendingPathComponent("exports"),
                today: today, clock: { Self.clockText(timeZone) }, startsInSelfService: selfService,
                art: SelfServiceScreen.Art(left: try? AsciiArt(contentsOf: art + "/bing-xiaonuan.txt"),
                                           right: try? AsciiArt(contentsOf: art + "/bing-xiaoyong.txt")))
            KioskApp.run(app)
            try? store.close()
        }
    }

    /// An enrolled kiosk syncs in the background for as long as the screens run; the header reads
    /// its state. Not enrolled (or no credential readable): offline only, nothing started.
    static func startSync(store: KioskStore, configuration: KioskConfiguration) -> (@Sendable () async -> SyncLink)? {
        let path = DeviceCredential.path(inDataDirectory: configuration.dataDirectory)
        // The configuration checked `[server] ca_file` and `proxy` when it was loaded.
        guard FileManager.default.fileExists(atPath: path), let credential = try? DeviceCredential.load(from: path),
              let client = try? CentreHTTP.client(trusting: configuration.serverCAFile, proxy: configuration.serverProxy),
              let transport = HTTPSyncTransport(credential: credential, settings: SyncSettings(configuration.sync), client: client) else { return nil }
        let runner = SyncRunner(store: EnrolledKioskStore(store: store, credential: credential), transport: transport,
                                settings: SyncSettings(configuration.sync), seed: UInt64(truncatingIfNeeded: credential.deviceID.hashValue))
        Task { await runner.start() }
        store.onOutboxAppend { Task { await runner.outboxChanged() } }
        let bookkeeper = SyncBookkeeper(store: store)
        Task {
            for await donors in runner.changedDonors { await bookkeeper.add(changed: donors) }
        }
        return {
            let status = await runner.status
            await bookkeeper.note(status)
            return SyncLink(online: status.online, lastSync: [status.lastPush, status.lastPull].compactMap { $0 }.max(),
                            changedDonors: await bookkeeper.takeChanged())
        }
    }

    /// First start of the demo house: the staff list and the seeded city.
    static func seedDemo(_ store: KioskStore, policy: Policy, today: LocalDate) throws(StoreError) {
        if try store.allStaff().isEmpty {
            for (number, pin, name, role) in demoStaff {
                try store.createStaff(number: number, name: name, role: role, pin: pin, author: "demo")
            }
        }
        if try store.counts().donors == 0 {
            let city = SyntheticCity(seed: demoSeed, today: today, policy: policy)
            try store.importDonors(city.donors(0..<demoDonors), author: "demo")
        }
    }

    /// "HH:MM" in the house's time zone.
    static func clockText(_ timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: Date())
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
