import Foundation
import Hummingbird
import SyncWire

extension CentralError {
    public static let noSeed = CentralError(404, "no_seed", "The centre has no seed file for this house's city yet; the kiosk downloads the city page by page instead.")
    public static let seedGone = CentralError(404, "seed_gone", "That seed file has been replaced by a newer one; ask /v1/seed again.")
}

extension CentralService {
    /// The manifest of the seed for `device`'s city, key included: only enrolled devices ask.
    func currentSeed(for device: Device) async throws -> SeedManifest {
        let house = try await house(of: device)
        guard let manifest = try seeds?.current(), manifest.city == house.city else { throw CentralError.noSeed }
        return manifest
    }
}

/// `GET /v1/seed/{generation}`: the seed file, whole or the one byte range asked for, so a
/// download cut short resumes where it stopped.
enum SeedDownload {
    static func response(_ service: CentralService, _ request: Request, _ context: CentralContext) async throws -> Response {
        _ = try context.requireDevice()
        guard let generation = context.parameters.get("generation"),
              let path = service.seeds?.file(of: Substring(generation)) else { throw CentralError.seedGone }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
        var headers = HTTPFields()
        headers[.acceptRanges] = "bytes"
        switch ByteRange(header: request.headers[.range], size: size) {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentType] = "application/json; charset=utf-8"
            let body = try WireCoding.encoder().encode(WireErrorBody(error: WireErrorDetail(
                code: "range_not_satisfiable", message: "The range asked for starts past the end of the seed file (\(size) bytes).")))
            return Response(status: .rangeNotSatisfiable, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        case .whole:
            headers[.contentType] = "application/octet-stream"
            guard size > 0 else { return Response(status: .ok, headers: headers, body: .init()) }
            return Response(status: .ok, headers: headers,
                            body: try await FileIO().loadFile(path: path, range: 0...(size - 1), context: context, chunkLength: chunk))
        case .part(let range):
            headers[.contentType] = "application/octet-stream"
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            return Response(status: .partialContent, headers: headers,
                            body: try await FileIO().loadFile(path: path, range: range, context: context, chunkLength: chunk))
        }
    }

    /// Read from disk and written to the socket in pieces of 1 MiB.
    static let chunk = 1 << 20
}
