import Central
import DonorCore
import Foundation
import Logging
import SyncWire

/// `kiosk-bench central`: many houses pushing and pulling at once against the central server
/// on PostgreSQL, beside a raw PostgreSQL insert of the same rows in the same run.
///
/// By default (`--client http`) it is what a house sees: the real server (router, auth, rate
/// limiter) listens on 127.0.0.1 in this process and each house pushes and pulls with the
/// kiosk's own `HTTPSyncTransport` on its own AsyncHTTPClient. `--client urlsession` does the
/// same over URLSession (the kiosk's client before); `--client in-process` calls
/// `CentralService` directly, as the routes do: the server's work without sockets or JSON.
enum CentralScenario: BenchScenario {
    static let name = "central"
    static let summary = "houses pushing and pulling against the centre on PostgreSQL (over HTTP, or in-process), against a raw PostgreSQL insert of the same rows"
    static let usage = "--database postgres://… (or KIOSK_BENCH_POSTGRES_URL) [--client http|urlsession|in-process] [--houses 500] [--events 40] [--batch 20] [--pullers 50] [--interval-ms 0] "
        + "[--rate-burst 120] [--rate-per-second 20]"

    static func run(_ arguments: BenchArguments) throws -> BenchReport {
        let settings = try Settings(arguments)
        return try blocking { try await measure(settings) }
    }

    struct Settings: Sendable {
        var adminURL: String
        var client: CentralClient
        var houses: Int
        var eventsPerHouse: Int
        var batch: Int
        var pullers: Int
        /// Milliseconds each house waits between the starts of its pushes (0: push again at once).
        var intervalMS: Int
        /// The server's per-device token bucket; the defaults are the server's own (`RateLimiter()`).
        var rateBurst: Int
        var ratePerSecond: Int

        init(_ arguments: BenchArguments) throws {
            guard let url = arguments.value("--database") ?? ProcessInfo.processInfo.environment["KIOSK_BENCH_POSTGRES_URL"],
                  url.hasPrefix("postgres://") else {
                throw BenchError("give --database postgres://… (scripts/postgres-test-server prints one)")
            }
            adminURL = url
            let clientName = arguments.value("--client") ?? CentralClient.http.rawValue
            guard let client = CentralClient(rawValue: clientName) else {
                throw BenchError("--client is one of \(CentralClient.allCases.map(\.rawValue).joined(separator: ", ")), got '\(clientName)'")
            }
            self.client = client
            houses = try arguments.int("--houses", default: 500)
            eventsPerHouse = try arguments.int("--events", default: 40)
            batch = try arguments.int("--batch", default: 20)
            pullers = try arguments.int("--pullers", default: 50)
            intervalMS = try arguments.int("--interval-ms", default: 0)
            let limiter = RateLimiter()
            rateBurst = try arguments.int("--rate-burst", default: Int(limiter.capacity))
            ratePerSecond = try arguments.int("--rate-per-second", default: Int(limiter.perSecond))
        }

        /// Events per second the houses offer when paced; nil in closed loop.
        var offered: Double? { intervalMS > 0 ? Double(houses * batch) * 1000 / Double(intervalMS) : nil }
    }

    static func measure(_ s: Settings) async throws -> BenchReport {
        var logger = Logger(label: "kiosk-bench")
        logger.logLevel = .critical
        let database = "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await CentralWorkload.admin(s.adminURL, "CREATE DATABASE \(database)", logger: logger)
        let url = s.adminURL[..<s.adminURL.lastIndex(of: "/")!] + "/" + database
        do {
            let report = try await measure(s, url: String(url), logger: logger)
            try await CentralWorkload.admin(s.adminURL, "DROP DATABASE \(database) WITH (FORCE)", logger: logger)
            return report
        } catch {
            try? await CentralWorkload.admin(s.adminURL, "DROP DATABASE \(database) WITH (FORCE)", logger: logger)
            throw error
        }
    }

    /// What the houses' pushes came to.
    struct PushTally: Sendable {
        var latencies: [Double] = []
        var accepted = 0
        var failed = 0
        var firstFailure: String?

        static func + (a: PushTally, b: PushTally) -> PushTally {
            PushTally(latencies: a.latencies + b.latencies, accepted: a.accepted + b.accepted, failed: a.failed + b.failed,
                      firstFailure: a.firstFailure ?? b.firstFailure)
        }
    }

    /// The measurement itself, on a fresh database at `url`.
    static func measure(_ s: Settings, url: String, logger: Logger) async throws -> BenchReport {
        let store = try PostgresStore(url: url, logger: logger)
        try await store.migrate()
        let policy = try PolicyLoader.load(path: AssetLocator.find().map { "\($0)/policy/taiyuan.toml" } ?? "assets/policy/taiyuan.toml")
        let service = CentralService(store: store, keys: .random(), policy: policy, logger: logger)
        let limiter = RateLimiter(capacity: Double(s.rateBurst), perSecond: Double(s.ratePerSecond))
        let links = try await CentralLinks.open(s.client, service: service, count: s.houses, limiter: limiter, logger: logger)

        // Every house's events made before the clock starts.
        let city = SyntheticCity(seed: 7, today: LocalDate(year: 2026, month: 11, day: 20)!, policy: policy)
        let batches = links.houses.enumerated().map { index, house in
            CentralWorkload.events(for: house.device, index: index, count: s.eventsPerHouse, city: city).chunked(s.batch)
        }
        let total = batches.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        let postgresPort = URLComponents(string: url)?.port

        // Push: every house at once, each pushing its batches one after another; with an
        // interval, each house starts a push every interval (staggered), as a real house does.
        let pushStart = ContinuousClock.now, pushCPU = CPUUsage.now(postgresPort: postgresPort)
        let interval = Duration.milliseconds(s.intervalMS)
        let tally = await withTaskGroup(of: PushTally.self) { group in
            for (index, (house, houseBatches)) in zip(links.houses, batches).enumerated() {
                group.addTask {
                    var tally = PushTally()
                    var due = pushStart + interval * (Double(index) / Double(max(1, s.houses)))
                    for batch in houseBatches {
                        if s.intervalMS > 0 {
                            try? await Task.sleep(until: due, clock: .continuous)
                            due += interval
                        }
                        let start = ContinuousClock.now
                        do {
                            let answer = try await house.transport.push(PushRequest(events: batch))
                            tally.latencies.append((ContinuousClock.now - start).milliseconds)
                            tally.accepted += answer.results.filter { $0.status == .accepted }.count
                            if let refused = answer.results.first(where: { $0.status != .accepted }) {
                                tally.failed += 1
                                tally.firstFailure = tally.firstFailure ?? "an event was not accepted: \(refused)"
                            }
                        } catch {
                            tally.failed += 1
                            tally.firstFailure = tally.firstFailure ?? "\(error)"
                        }
                    }
                    return tally
                }
            }
            return await group.reduce(PushTally(), +)
        }
        let pushSeconds = (ContinuousClock.now - pushStart).seconds
        let pushCPULine = CPUUsage.now(postgresPort: postgresPort).since(pushCPU, wall: pushSeconds)
        let writer = await service.profile.totals

        // Pull: `pullers` houses read everything from the start in pages of 1,000.
        let pullStart = ContinuousClock.now, pullCPU = CPUUsage.now(postgresPort: postgresPort)
        let pulled = try await withThrowingTaskGroup(of: Int.self) { group in
            for house in links.houses.prefix(s.pullers) {
                group.addTask {
                    var cursor = "0", rows = 0
                    while true {
                        let page = try await house.transport.changes(after: cursor, limit: CentralService.maxPage, wait: 0)
                        rows += page.events.count
                        cursor = page.cursor
                        if !page.hasMore { return rows }
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let pullSeconds = (ContinuousClock.now - pullStart).seconds
        let pullCPULine = CPUUsage.now(postgresPort: postgresPort).since(pullCPU, wall: pullSeconds)
        await links.close()
        await store.close()

        let rawSeconds = try await CentralWorkload.rawInsert(batches.flatMap { $0 }, url: url, logger: logger)
        let sorted = tally.latencies.sorted()
        let ingest = Double(tally.accepted) / pushSeconds, raw = Double(total) / rawSeconds
        var report = BenchReport(scenario: name, parameters: [
            "client": s.client.rawValue, "houses": "\(s.houses)", "events_per_house": "\(s.eventsPerHouse)", "batch": "\(s.batch)",
            "pullers": "\(s.pullers)", "events": "\(total)", "interval_ms": "\(s.intervalMS)",
            "offered": s.offered.map { "\(Int($0)) events/s" } ?? "closed loop",
        ])
        report.figures = [
            .init(name: "push ingest", value: ingest, unit: "events/s", baseline: "raw PostgreSQL insert", baseline_value: raw,
                  ratio: ingest / raw, target: IngestTarget.description(offered: s.offered),
                  met: IngestTarget.met(measured: ingest, offered: s.offered, accepted: tally.accepted, total: total)),
            .init(name: "push latency p50", value: percentile(sorted, 0.50), unit: "ms"),
            .init(name: "push latency p99", value: percentile(sorted, 0.99), unit: "ms", target: "< 100 ms", met: percentile(sorted, 0.99) < 100),
            .init(name: "pull", value: Double(pulled) / pullSeconds, unit: "rows/s"),
        ]
        let pullLine: String = "Pull phase: \(pulled) rows in " + String(format: "%.2f", pullSeconds) + " s. " + pullCPULine
        report.notes = [
            clientNote(s.client),
            "Ingest rule: " + (s.offered == nil
                ? "closed loop, the measured capacity must reach 5,000 events/s."
                : "paced, the offered rate must be ≥ 5,000 events/s and every event taken in at ≥ 99 % of it."),
            "Taken in: \(tally.accepted) of \(total) events in \(String(format: "%.2f", pushSeconds)) s; \(tally.failed) pushes failed"
                + (tally.firstFailure.map { " (first: \($0))" } ?? "") + ".",
            "Push phase: " + pushCPULine,
            pullLine,
            "Rate limiter (per device): \(s.rateBurst) requests at once, refilled at \(s.ratePerSecond)/s; a 429 counts as a failed push.",
            "Writer: \(writer.groups) groups of \(writer.events / max(1, writer.groups)) events on average, \(writer.overlapped) planned beside the commit before, \(writer.replanned) planned again; "
                + "summed seconds: reads \(String(format: "%.2f", writer.readSeconds)), checks \(String(format: "%.2f", writer.planSeconds)), "
                + "commits \(String(format: "%.2f", writer.commitSeconds)), planned groups waiting for the commit before \(String(format: "%.2f", writer.waitSeconds)).",
            "Baseline: the same events as rows (id, kind, house, payload jsonb) in multi-row INSERTs of \(s.batch), one connection, same database.",
            "Load average at the end: \(Machine.loadAverage).",
        ]
        return report
    }

    static func clientNote(_ client: CentralClient) -> String {
        let shared = " Client, server and PostgreSQL share this machine's \(ProcessInfo.processInfo.activeProcessorCount) cores."
        switch client {
        case .http:
            return "Over HTTP: the real server (router, auth, rate limiter) on 127.0.0.1 in this process; each house pushes and pulls with the kiosk's HTTPSyncTransport on its own AsyncHTTPClient (JSON, its own connections; NIO's event loops shared with the server)." + shared
        case .urlSession:
            return "Over HTTP: the real server (router, auth, rate limiter) on 127.0.0.1 in this process; each house pushes and pulls over its own URLSession (libcurl; the same requests and JSON as the kiosk's transport, which used URLSession before)." + shared
        case .inProcess:
            return "Service level: CentralService.push/changes as the HTTP routes call them, no sockets, no JSON; one task per house."
        }
    }

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
