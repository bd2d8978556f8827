import DonorCore
import Foundation
import KioskStore

/// `kiosk-bench store`: a synthetic city imported into the store beside a raw SQLite bulk
/// insert of the same rows, then ID lookups, name searches and full donor summaries.
enum StoreScenario: BenchScenario {
    static let name = "store"
    static let summary = "import rate vs raw SQLite bulk insert; ID lookup, name search and donor summary latency"
    static let usage = "[--donors N (1000000)] [--seed S (1)] [--chunk N (10000)] [--lookups N (10000)] [--policy FILE] [--keep DIR]"

    /// The day the city is seen on: fixed, so every run makes the same city.
    static let day = LocalDate(year: 2026, month: 11, day: 26)!
    /// The page cache the baseline uses, matching the store's bulk import setting.
    static let cacheKiB = 262_144

    static func run(_ arguments: BenchArguments) throws -> BenchReport {
        let donors = try arguments.int("--donors", default: 1_000_000)
        let seed = UInt64(try arguments.int("--seed", default: 1))
        let chunk = try arguments.int("--chunk", default: 10_000)
        let lookups = try arguments.int("--lookups", default: 10_000)
        let policy = try BenchPolicy.load(arguments)
        let city = SyntheticCity(seed: seed, today: day, policy: policy)

        let folder = arguments.value("--keep") ?? NSTemporaryDirectory() + "kiosk-bench-\(UUID().uuidString)"
        defer { if arguments.value("--keep") == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let (store, raw) = try open(in: folder)
        let loadBefore = Machine.loadAverage

        var report = BenchReport(scenario: name, parameters: [
            "donors": "\(donors)", "seed": "\(seed)", "chunk": "\(chunk)", "lookups": "\(lookups)",
            "policy": policy.reference, "date": day.iso])
        let load = try importCity(city, donors: donors, chunk: chunk, store: store, raw: raw)
        report.figures += load.figures
        report.notes += load.notes
        report.figures += try latencies(city, donors: donors, count: lookups, store: store, raw: raw, policy: policy)
        let size = (try? FileManager.default.attributesOfItem(atPath: "\(folder)/store/\(KioskStore.databaseFileName)")[.size] as? Int) ?? 0
        report.notes.append("Store database after the run: \(size / 1_048_576) MB (plus WAL).")
        report.notes.append("Load average (1, 5, 15 min) at the start: \(loadBefore); at the end: \(Machine.loadAverage) (on \(report.machine.cores) cores).")
        return report
    }

    /// A fresh store, and the baseline's database: a copy of an empty store's file, so both
    /// have exactly the same schema.
    private static func open(in folder: String) throws -> (KioskStore, RawSQLiteBaseline) {
        let raw = try RawSQLiteBaseline(path: try StoreTemplate.copy(in: folder, as: "raw"), cacheKiB: cacheKiB)
        do {
            return (try KioskStore.open(directory: "\(folder)/store", keyFile: "\(folder)/store/kiosk.key", deviceName: "bench"), raw)
        } catch {
            throw BenchError("cannot open the store: \(error)")
        }
    }

    /// Makes the city chunk by chunk and writes each chunk into the store and into the
    /// baseline, one after the other, timing each separately (the generation is not timed
    /// against either).
    private static func importCity(_ city: SyntheticCity, donors: Int, chunk: Int, store: KioskStore,
                                   raw: RawSQLiteBaseline) throws -> (figures: [BenchReport.Figure], notes: [String]) {
        var generate = Duration.zero, stored = Duration.zero, baseline = Duration.zero
        var rows = 0, donations = 0
        let clock = ContinuousClock()
        var done = 0
        while done < donors {
            var batch: [RegistryDonor] = []
            generate += clock.measure { batch = city.donors(done..<min(done + chunk, donors)) }
            var summary = ImportSummary(donors: 0, donations: 0, deferrals: 0)
            stored += try clock.measure { summary = try store.importDonors(batch, author: "bench") }
            baseline += try clock.measure { try raw.insert(batch) }
            rows += summary.donors + summary.donations + summary.deferrals
            donations += summary.donations
            done += batch.count
            FileHandle.standardError.write(Data("\rimported \(done)/\(donors)".utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        let storeRate = Double(donors) / stored.seconds, rawRate = Double(donors) / baseline.seconds
        let storeRows = Double(rows) / stored.seconds, rawRows = Double(rows) / baseline.seconds
        let figures = [
            BenchReport.Figure(name: "import donors/s (store.importDonors)", value: storeRate, unit: "donors/s",
                               baseline: "raw SQLite", baseline_value: rawRate, ratio: storeRate / rawRate,
                               target: "≥ 50 % of raw", met: storeRate >= 0.5 * rawRate),
            BenchReport.Figure(name: "import rows/s (donors + donations + deferrals)", value: storeRows, unit: "rows/s",
                               baseline: "raw SQLite", baseline_value: rawRows, ratio: storeRows / rawRows),
            BenchReport.Figure(name: "seed donors/s (generate + store, as `kiosk demo seed`)", value: Double(donors) / (generate + stored).seconds,
                               unit: "donors/s"),
        ]
        let notes = [
            "\(donors) donors, \(donations) donations, \(rows) rows in all; chunks of \(chunk), one transaction each for both.",
            String(format: "Time: generating the city %.1f s, store import %.1f s, raw SQLite %.1f s.", generate.seconds, stored.seconds, baseline.seconds),
            "Raw baseline: SQLite C API, prepared statements, a copy of the store's empty schema (same indexes and triggers), WAL, synchronous=FULL (as the store), foreign_keys=ON, cache_size=\(cacheKiB / 1024) MB; no HMAC or AES-GCM (plain bytes).",
        ]
        return (figures, notes)
    }

    /// ID lookups, name searches and full summaries of random donors of the city.
    private static func latencies(_ city: SyntheticCity, donors: Int, count: Int, store: KioskStore,
                                  raw: RawSQLiteBaseline, policy: Policy) throws -> [BenchReport.Figure] {
        var random = SystemRandomNumberGenerator()
        let people = (0..<count).map { _ in city.donor(at: Int.random(in: 0..<donors, using: &random)) }
        var lookup = Latencies(), rawLookup = Latencies(), search = Latencies(), summary = Latencies()
        for person in people {
            guard rawLookup.measure({ raw.lookup(person.idNumber) }) else { throw BenchError("the baseline lost a donor") }
            guard try lookup.measure({ try store.donor(idNumber: person.idNumber) }) != nil else {
                throw BenchError("a seeded donor was not found by ID number")
            }
        }
        for person in people.prefix(max(count / 10, 100)) {
            // Surname and the first character of the given name, as a volunteer types it.
            let prefix = String(person.name.prefix(2))
            _ = try search.measure { try store.search(namePrefix: prefix, limit: 20) }
        }
        for person in people.prefix(max(count / 10, 100)) {
            try summary.measure { try fullSummary(of: person.idNumber, store: store, policy: policy) }
        }
        func figure(_ name: String, _ l: Latencies, _ p: Double, target: Double?, baseline: Latencies? = nil) -> BenchReport.Figure {
            let value = l.percentile(p)
            let base = baseline.map { $0.percentile(p) }
            return BenchReport.Figure(name: "\(name) p\(Int(p)) (\(l.samples.count) runs)", value: value, unit: "ms",
                                      baseline: base.map { _ in "raw SQLite SELECT" }, baseline_value: base,
                                      ratio: base.map { value / $0 },
                                      target: target.map { "< \(BenchReport.format($0)) ms" }, met: target.map { value < $0 })
        }
        func cpu(_ name: String, _ l: Latencies, baseline: Latencies? = nil) -> BenchReport.Figure {
            let value = l.cpuPercentile(99), base = baseline.map { $0.cpuPercentile(99) }
            return BenchReport.Figure(name: "\(name) p99, CPU time only", value: value, unit: "ms",
                                      baseline: base.map { _ in "raw SQLite SELECT" }, baseline_value: base,
                                      ratio: base.map { value / $0 })
        }
        return [
            figure("ID lookup", lookup, 50, target: nil, baseline: rawLookup),
            figure("ID lookup", lookup, 99, target: 1, baseline: rawLookup),
            cpu("ID lookup", lookup, baseline: rawLookup),
            figure("name search (2-character prefix, 20 rows)", search, 50, target: nil),
            figure("name search (2-character prefix, 20 rows)", search, 99, target: nil),
            figure("donor summary (lookup + file + card + award + eligibility)", summary, 50, target: nil),
            figure("donor summary (lookup + file + card + award + eligibility)", summary, 99, target: 5),
            cpu("name search", search),
            cpu("donor summary", summary),
        ]
    }

    /// What `kiosk donor show` computes: the donor, their file and vitals, card, award,
    /// benefits and an eligibility decision with the next date per procedure.
    private static func fullSummary(of number: String, store: KioskStore, policy: Policy) throws {
        guard let donor = try store.donor(idNumber: number) else { throw BenchError("donor not found") }
        let file = try store.file(of: donor.id)
        let vitals = try store.vitals(of: donor.id, on: day)
        let card = CardStatus(history: file.history, on: day, policy: policy)
        _ = AwardStatus(history: file.history, on: day, policy: policy)
        _ = card.effective.map { Benefits(card: $0, on: day, policy: policy) }
        _ = CountCalculator.total(file.history, policy: policy)
        _ = EligibilityEngine.decide(file.eligibilityInput(procedure: .wholeBlood, date: day, vitals: vitals ?? Vitals()), policy: policy)
    }
}
