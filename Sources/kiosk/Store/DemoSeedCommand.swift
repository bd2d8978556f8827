import ArgumentParser
import DonorCore
import Foundation
import KioskStore

/// `kiosk demo`: demo data for a house that has no registry yet.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "演示数据 · Demo data.",
        subcommands: [DemoSeedCommand.self])
}

/// `kiosk demo seed --donors N`: fills an empty store with a deterministic synthetic city.
struct DemoSeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "生成演示城市 · Fill an empty store with a synthetic city of donors.",
        discussion: """
            The same --seed and --on give the same city on every machine. Donors are imported \
            in chunks, one transaction each, so a million donors never sit in memory at once. \
            Exits 2 when the store already holds donors.
            """)

    @OptionGroup var options: StoreOptions

    @Option(name: .long, help: "How many donors to make.")
    var donors: Int

    @Option(name: .long, help: "The city's seed: the same seed gives the same people.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("The day the city is seen on (default: today in the policy's time zone).", valueName: "YYYY-MM-DD"))
    var on: String?

    @Option(name: .long, help: "Donors per transaction.")
    var chunk: Int = 10_000

    func run() throws {
        try CLIFailure.reporting {
            let context = try options.open()
            let date = try resolveDate(on, timeZone: context.policy.timeZone)
            let city = SyntheticCity(seed: seed, today: date, policy: context.policy)
            guard donors > 0, donors <= city.capacity else {
                throw CLIFailure("--donors must be between 1 and \(city.capacity), got \(donors)")
            }
            guard chunk > 0 else { throw CLIFailure("--chunk must be at least 1, got \(chunk)") }
            let held = try StoreContext.storeCall { () throws(StoreError) in try context.store.counts() }.donors
            // Demo donors have fixed donation ids: a second seed would clash with the first.
            guard held == 0 else { throw CLIFailure(context.strings("seed.not_empty", ["n": "\(held)"])) }

            let started = ContinuousClock.now
            let progress = ProgressLine(label: context.strings("seed.progress"), total: donors)
            var added = ImportSummary(donors: 0, donations: 0, deferrals: 0)
            for start in stride(from: 0, to: donors, by: chunk) {
                let batch = city.donors(start..<min(start + chunk, donors))
                let summary = try StoreContext.storeCall { () throws(StoreError) in
                    try context.store.importDonors(batch, author: "demo-seed")
                }
                added.donors += summary.donors
                added.donations += summary.donations
                added.deferrals += summary.deferrals
                progress.update(added.donors)
            }
            progress.finish()
            let elapsed = started.duration(to: .now)
            let report = SeedReport(seed: seed, date: date, summary: added, elapsed: elapsed,
                                    city: city, samples: city.sampleIndexes(scanning: min(donors, 20_000)))
            if options.json { try printJSON(report) } else { print(report.lines(context.strings).joined(separator: "\n")) }
        }
    }
}

/// The JSON shape of a seed (field names documented in the README).
struct SeedReport: Encodable {
    var seed: UInt64
    var date: String
    var donors: Int
    var donations: Int
    var deferrals: Int
    var seconds: Double
    /// Kind → ID number of a synthetic donor of that kind, null when the city has none.
    /// Synthetic people: printing their numbers is what the demo is for.
    var samples: [String: String?]

    /// The sample kinds, in the order the text lists them.
    static let kinds = ["annual_card", "honour_card", "permanently_deferred", "first_timer", "stem_cell"]

    init(seed: UInt64, date: LocalDate, summary: ImportSummary, elapsed: Duration, city: SyntheticCity,
         samples: SyntheticCity.SampleIndexes) {
        self.seed = seed
        self.date = date.iso
        donors = summary.donors
        donations = summary.donations
        deferrals = summary.deferrals
        seconds = (elapsed.seconds * 100).rounded() / 100
        let indexes = [samples.annualCard, samples.honourCard, samples.permanentlyDeferred, samples.firstTimer, samples.stemCell]
        self.samples = Dictionary(uniqueKeysWithValues: zip(Self.kinds, indexes.map { $0.map { city.donor(at: $0).idNumber } }))
    }

    /// The human form: what was made, then the donors worth trying.
    func lines(_ s: UIStrings) -> [String] {
        var lines = ["✓ " + s("seed.done", ["donors": "\(donors)", "donations": "\(donations)",
                                             "deferrals": "\(deferrals)", "seconds": String(format: "%.2f", seconds)])]
        lines.append(s("seed.samples_title"))
        for kind in Self.kinds {
            let number = samples[kind].flatMap { $0 } ?? s("seed.sample_none")
            lines.append("  " + s("seed.sample_line", ["kind": s("seed.sample.\(kind)"), "id": number]))
        }
        return lines
    }
}
