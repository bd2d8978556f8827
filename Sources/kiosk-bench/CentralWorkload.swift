import Central
import DonorCore
import Foundation
import Logging
import PostgresNIO
import SyncWire

/// What `kiosk-bench central` pushes (each house's events) and its baseline: the same events
/// inserted as plain rows into PostgreSQL, plus the admin connection that makes and drops the
/// run's database.
enum CentralWorkload {
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
            return (ContinuousClock.now - start).seconds
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
}
