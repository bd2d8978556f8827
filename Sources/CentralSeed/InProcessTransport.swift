import Central
import Foundation
import KioskSync
import SyncWire

/// A kiosk's calls to the centre as direct calls to `CentralService` (what the HTTP routes
/// call): the seed builder's bootstrap and the benchmarks' kiosks, without sockets or JSON.
public struct InProcessTransport: SyncTransport {
    public let service: CentralService
    /// The device that pushes; nil for the seed builder, which only pulls.
    public let device: Device?
    public let house: House
    /// Milliseconds each call waits before the centre sees it: a link's round trip
    /// (`kiosk-bench bootstrap --rtt-ms`); 0 otherwise.
    public var roundTripMilliseconds = 0

    public init(service: CentralService, device: Device?, house: House) {
        self.service = service
        self.device = device
        self.house = house
    }

    private func travel() async {
        if roundTripMilliseconds > 0 { try? await Task.sleep(nanoseconds: UInt64(roundTripMilliseconds) * 1_000_000) }
    }

    public func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse {
        await travel()
        guard let device else { throw .server(status: 403, message: "this transport only pulls") }
        do { return try await service.push(request, device: device) } catch { throw .server(status: 500, message: "\(error)") }
    }

    public func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        await travel()
        do {
            return try await service.changes(house: house, after: Int64(after) ?? 0, limit: min(limit, CentralService.maxPage), wait: Double(wait))
        } catch {
            throw .server(status: 500, message: "\(error)")
        }
    }

    public func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        await travel()
        do {
            return try await service.snapshot(house: house, after: after.flatMap { Int64($0) } ?? 0, upto: upto.flatMap { Int64($0) },
                                              limit: min(limit, CentralService.maxPage))
        } catch {
            throw .server(status: 500, message: "\(error)")
        }
    }
}

