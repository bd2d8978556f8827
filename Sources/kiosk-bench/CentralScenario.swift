import Central
import DonorCore
import Foundation
import Logging
import PostgresNIO
import SyncWire

/// `kiosk-bench central`: many houses pushing and pulling at once against the central server's
/// service on PostgreSQL, beside a raw PostgreSQL insert of the same rows in the same run.
///
/// It drives `CentralService` (what the HTTP routes call) with one task per house, so the
/// figures are the server's ingest and pull without sockets or JSON over HTTP.
enum CentralScenario: BenchScenario {
    static let name = "central"
    static let summary = "houses pushing and pulling against the centre on PostgreSQL, against a raw PostgreSQL insert of the same rows"
    static let usage = "--database postgres://… (or KIOSK_BENCH_POSTGRES_URL) [--houses 500] [--events 40] [--batch 20] [--pullers 50] [--interval-ms 0]"

    static func run(_ arguments: BenchArguments) throws -> BenchReport {
        let settings = try Settings(arguments)
        return try blocking { try await measure(settings) }
    }

    struct Settings: Sendable {
        var adminURL: String
        var houses: Int
        var eventsPerHouse: Int
        var batch: Int
        var pullers: Int
        /// Milliseconds each house waits between the starts of its pushes (0: push again at once).
        var intervalMS: Int

        init(_ arguments: BenchArguments) throws {
            guard let url = arguments.value("--database") ?? ProcessInfo.processInfo.environment["KIOSK_BENCH_POSTGRES_URL"],
                  url.hasPrefix("postgres://") else {
                throw BenchError("give --database postgres://… (scripts/postgres-test-server prints one)")
            }
            adminURL = url
            houses = try arguments.int("--houses", default: 500)
            eventsPerHouse = try arguments.int("--events", default: 40)
            batch = try arguments.int("--batch", default: 20)
            pullers = try arguments.int("--pullers", default: 50)
            intervalMS = try arguments.int("--interval-ms", default: 0)
        }
    }

    static func measure(_ s: Settings) async throws -> BenchReport {
        var logger = Logger(label: "kiosk-bench")
        logger.logLevel = .critical
        let database = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin(s.adminURL, "CREATE DATABASE \(database)", logger: logger)
        let url = s.adminURL[..<s.adminURL.lastIndex(of: "/")!] + "/" + database
        do {
            let report = try await measure(s, url: String(url), logger: logger)
            try await admin(s.adminURL, "DROP DATABASE \(database) WITH (FORCE)", logger: logger)
            return report
        } catch {
            try? await admin(s.adminURL, "DROP DATABASE \(database) WITH (FORCE)", logger: logger)
            throw error
        }
    }

    /// The measurement itself, on a fresh database at `url`.
    static func measure(_ s: Settings, url: String, logger: Logger) async throws -> BenchReport {
        let store = try PostgresStore(url: url, logger: logger)
        try await store.migrate()
        let policy = try PolicyLoader.load(path: AssetLocator.find().map { "\($0)/policy/taiyuan.toml" } ?? "assets/policy/taiyuan.toml")
        let service = CentralService(store: store, keys: .random(), policy: policy, logger: logger)

        // Houses and their devices, then every house's events made before the clock starts.
        var devices: [Device] = []
        for h in 0..<s.houses {
            let house = "h\(h)"
            _ = try await service.addHouse(id: house, name: "House \(h)")
            let token = try await service.issueEnrollToken(house: house, hours: 1).token
            let credential = try await service.enroll(EnrollRequest(token: token, deviceName: "bench"))
            devices.append(try await store.device(id: credential.deviceID)!)
        }
        let city = SyntheticCity(seed: 7, today: LocalDate(year: 2026, month: 11, day: 20)!, policy: policy)
        let batches = devices.enumerated().map { index, device in
            events(for: device, index: index, count: s.eventsPerHouse, city: city).chunked(s.batch)
        }
        let total = batches.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }

        // Push: every house at once, each pushing its batches one after another; with an
        // interval, each house starts a push every interval (staggered), as a real house does.
        let pushStart = ContinuousClock.now, pushCPUStart = processCPUSeconds()
        let interval = Duration.milliseconds(s.intervalMS)
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for (index, (device, houseBatches)) in zip(devices, batches).enumerated() {
                group.addTask {
                    var times: [Double] = []
                    var due = pushStart + interval * (Double(index) / Double(max(1, s.houses)))
                    for batch in houseBatches {
                        if s.intervalMS > 0 {
                            try await Task.sleep(until: due, clock: .continuous)
                            due += interval
                        }
                        let start = ContinuousClock.now
                        let answer = try await service.push(PushRequest(events: batch), device: device)
                        times.append(milliseconds(ContinuousClock.now - start))
                        guard answer.results.allSatisfy({ $0.status == .accepted }) else {
                            throw BenchError("a pushed event was not accepted: \(answer.results.first { $0.status != .accepted }!)")
                        }
                    }
                    return times
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }
        let pushSeconds = seconds(ContinuousClock.now - pushStart)
        let pushCPU = processCPUSeconds() - pushCPUStart
        let writer = await service.profile.totals

        // Pull: `pullers` houses read everything from the start in pages of 1,000.
        let pullStart = ContinuousClock.now
        let pulled = try await withThrowingTaskGroup(of: Int.self) { group in
            for device in devices.prefix(s.pullers) {
                group.addTask {
                    let house = try await store.house(id: device.house)!
                    var cursor: Int64 = 0, rows = 0
                    while true {
                        let page = try await service.changes(house: house, after: cursor, limit: CentralService.maxPage, wait: 0)
                        rows += page.events.count
                        cursor = Int64(page.cursor) ?? cursor
                        if !page.hasMore { return rows }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let pullSeconds = seconds(ContinuousClock.now - pullStart)
        await store.close()

        let rawSeconds = try await rawInsert(batches.flatMap { $0 }, url: url, logger: logger)
        let sorted = latencies.sorted()
        let ingest = Double(total) / pushSeconds, raw = Double(total) / rawSeconds
        var report = BenchReport(scenario: name, parameters: [
            "houses": "\(s.houses)", "events_per_house": "\(s.eventsPerHouse)", "batch": "\(s.batch)",
            "pullers": "\(s.pullers)", "events": "\(total)", "interval_ms": "\(s.intervalMS)",
            "offered": s.intervalMS > 0 ? "\(Int(Double(s.houses * s.batch) * 1000 / Double(s.intervalMS))) events/s" : "closed loop",
        ])
        report.figures = [
            .init(name: "push ingest", value: ingest, unit: "events/s", baseline: "raw PostgreSQL insert", baseline_value: raw,
                  ratio: ingest / raw, target: "≥ 5,000 events/s", met: ingest >= 5000),
            .init(name: "push latency p50", value: percentile(sorted, 0.50), unit: "ms"),
            .init(name: "push latency p99", value: percentile(sorted, 0.99), unit: "ms", target: "< 100 ms", met: percentile(sorted, 0.99) < 100),
            .init(name: "pull", value: Double(pulled) / pullSeconds, unit: "rows/s"),
        ]
        report.notes = [
            "Service level: CentralService.push/changes as the HTTP routes call them, no sockets; one task per house.",
            "Push phase: \(String(format: "%.2f", pushSeconds)) s wall, \(String(format: "%.2f", pushCPU)) s CPU of this process (server and houses; PostgreSQL's own CPU not included).",
            "Writer: \(writer.groups) groups of \(writer.events / max(1, writer.groups)) events on average, \(writer.overlapped) planned beside the commit before, \(writer.replanned) planned again; "
                + "summed seconds: reads \(String(format: "%.2f", writer.readSeconds)), checks \(String(format: "%.2f", writer.planSeconds)), "
                + "commits \(String(format: "%.2f", writer.commitSeconds)), planned groups waiting for the commit before \(String(format: "%.2f", writer.waitSeconds)).",
            "Baseline: the same events as rows (id, kind, house, payload jsonb) in multi-row INSERTs of \(s.batch), one connection, same database.",
            "Load average at the end: \(Machine.loadAverage).",
        ]
        return report
    }

    /// Each house registers donors and records one donation for each, alternately.
    static func events(for device: Device, index: Int, count: Int, city: SyntheticCity) -> [WireEvent] {
        var events: [WireEvent] = []
        var n = 0, ms = Int64(1_795_000_000_000)
        while events.count < count {
            let donor = city.donor(at: index * count + n)
            let key = "\(device.house)-d\(n)"
            ms += 1
            events.append(WireEvent(
                id: "\(device.house)-r\(n)", kind: EventKind.donorRegistered.rawValue, house: device.house, device: device.id,
                author: "bench", hlc: HLC(milliseconds: ms, node: device.id).description, donorKey: key,
                payload: try! WireCoding.object(DonorRegisteredPayload(
                    donor: key, idNumber: donor.idNumber, name: donor.name, sex: donor.sex, birthDate: donor.birthDate,
                    phone: donor.phone, bloodType: donor.bloodType?.description))))
            if events.count < count {
                ms += 1
                events.append(WireEvent(
                    id: "\(device.house)-g\(n)", kind: EventKind.donationRecorded.rawValue, house: device.house, device: device.id,
                    author: "bench", hlc: HLC(milliseconds: ms, node: device.id).description, donorKey: key,
                    payload: try! WireCoding.object(DonationRecordedPayload(
                        donation: "\(device.house)-don\(n)", donor: key,
                        facts: DonationFacts(date: LocalDate(year: 2026, month: 11, day: 20)!, kind: .wholeBlood, volumeML: 400)))))
            }
            n += 1
        }
        return events
    }

    /// Seconds to insert the same events as plain rows in batches over one connection.
    static func rawInsert(_ batches: [[WireEvent]], url: String, logger: Logger) async throws -> Double {
        try await withClient(url, logger: logger) { client in
            try await client.query("CREATE TABLE bench_raw (seq bigserial PRIMARY KEY, id text UNIQUE NOT NULL, kind text NOT NULL, house text NOT NULL, payload jsonb NOT NULL)", logger: logger)
            let start = ContinuousClock.now
            for batch in batches {
                var sql = "INSERT INTO bench_raw (id, kind, house, payload) VALUES "
                var bindings = PostgresBindings()
                for (i, event) in batch.enumerated() {
                    sql += (i == 0 ? "" : ",") + "($\(i * 4 + 1), $\(i * 4 + 2), $\(i * 4 + 3), $\(i * 4 + 4)::jsonb)"
                    bindings.append(event.id)
                    bindings.append(event.kind)
                    bindings.append(event.house)
                    bindings.append(String(decoding: try WireCoding.encoder().encode(event.payload), as: UTF8.self))
                }
                try await client.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            }
            return seconds(ContinuousClock.now - start)
        }
    }

    static func admin(_ url: String, _ sql: String, logger: Logger) async throws {
        _ = try await withClient(url, logger: logger) { try await $0.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
    }

    static func withClient<T: Sendable>(_ url: String, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        guard let parts = URLComponents(string: url) else { throw BenchError("not a URL: \(url)") }
        let client = PostgresClient(configuration: .init(
            host: parts.host ?? "127.0.0.1", port: parts.port ?? 5432, username: parts.user ?? "postgres",
            password: parts.password, database: String(parts.path.dropFirst()), tls: .disable), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await client.run(); return nil }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }

    /// User and system CPU seconds of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func milliseconds(_ d: Duration) -> Double { seconds(d) * 1000 }
    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

/// Runs async work from the synchronous scenario entry point and waits for it.
func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>(), done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Carries a task's result to the thread waiting on the semaphore; the semaphore orders the
/// write before the read, which the compiler cannot see, hence `@unchecked`.
final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
