@testable import Central
import Foundation
import Hummingbird
import HummingbirdTesting
import SyncWire
import Testing

/// `GET /v1/seed` and `GET /v1/seed/{generation}`: the manifest for enrolled devices of the
/// seed's city, the file whole or from a byte (a resumed download), and plain refusals.
@Suite("Seed routes")
struct SeedRouteTests {
    /// A shelf in a temporary folder holding `bytes` as generation `name`, published.
    static func shelf(_ bytes: Data, name: String = "20261127-090000-42", city: String = ServiceFixture.policy.region) throws -> (SeedShelf, SeedManifest) {
        let shelf = SeedShelf(directory: FileManager.default.temporaryDirectory.appendingPathComponent("seeds-\(UUID().uuidString)").path)
        try shelf.prepare()
        try bytes.write(to: URL(fileURLWithPath: shelf.path(of: name)))
        let manifest = SeedManifest(generation: name, city: city, bytes: Int64(bytes.count), sha256: "ab", cursor: "42", donors: 3, events: 9,
                                    builtAt: 1_795_000_000, key: CardQR.base64url(Data(repeating: 9, count: 32)))
        try shelf.publish(manifest)
        return (shelf, manifest)
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, bearer: String?, range: String? = nil)
        async throws -> (status: Int, headers: HTTPFields, body: Data) {
        var headers = HTTPFields()
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if let range { headers[.range] = range }
        return try await client.execute(uri: uri, method: .get, headers: headers, body: nil) { response in
            (Int(response.status.code), response.headers, Data(buffer: response.body))
        }
    }

    @Test func aDeviceGetsTheManifestAndTheFileWholeOrFromAByte() async throws {
        let bytes = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let (shelf, manifest) = try Self.shelf(bytes)
        defer { try? FileManager.default.removeItem(atPath: shelf.directory) }
        try await HTTPFixture.withClient(seeds: shelf) { service, client in
            let credential = try await HTTPFixture.enroll(service, client, house: "h1")
            let bearer = credential.bearer

            let answer = try await Self.get(client, "/v1/seed", bearer: bearer)
            #expect(answer.status == 200)
            #expect(try WireCoding.read(SeedManifest.self, from: answer.body) == manifest)

            let whole = try await Self.get(client, "/v1/seed/\(manifest.generation)", bearer: bearer)
            #expect(whole.status == 200 && whole.body == bytes)
            #expect(whole.headers[.acceptRanges] == "bytes" && whole.headers[.contentType] == "application/octet-stream")

            let rest = try await Self.get(client, "/v1/seed/\(manifest.generation)", bearer: bearer, range: "bytes=123457-")
            #expect(rest.status == 206 && rest.body == bytes[123_457...])
            #expect(rest.headers[.contentRange] == "bytes 123457-299999/300000")

            let middle = try await Self.get(client, "/v1/seed/\(manifest.generation)", bearer: bearer, range: "bytes=10-19")
            #expect(middle.status == 206 && middle.body == bytes[10...19])

            let past = try await Self.get(client, "/v1/seed/\(manifest.generation)", bearer: bearer, range: "bytes=300000-")
            #expect(past.status == 416 && past.headers[.contentRange] == "bytes */300000")
            #expect(try WireCoding.read(WireErrorBody.self, from: past.body).error.code == "range_not_satisfiable")

            // The gzip form is served under GENERATION.gz, with ranges too.
            let gzip = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
            try gzip.write(to: URL(fileURLWithPath: shelf.gzipPath(of: manifest.generation)))
            let packed = try await Self.get(client, "/v1/seed/\(manifest.generation).gz", bearer: bearer, range: "bytes=4000-")
            #expect(packed.status == 206 && packed.body == gzip[4000...])

            for gone in ["20200101-000000-1", "..", "a%2F..%2Fcurrent.json", "current.json", "\(manifest.generation).gz.gz", ".gz"] {
                let refused = try await Self.get(client, "/v1/seed/\(gone)", bearer: bearer)
                #expect(refused.status == 404, "\(gone)")
                #expect((try? WireCoding.read(WireErrorBody.self, from: refused.body))?.error.code == "seed_gone", "\(gone)")
            }
            // The key is for enrolled devices only.
            #expect(try await Self.get(client, "/v1/seed", bearer: nil).status == 401)
            #expect(try await Self.get(client, "/v1/seed/\(manifest.generation)", bearer: nil).status == 401)
        }
    }

    @Test func aHouseOfAnotherCityOrACentreWithoutSeedGetsNoSeed() async throws {
        let (shelf, _) = try Self.shelf(Data([1, 2, 3]))
        defer { try? FileManager.default.removeItem(atPath: shelf.directory) }
        try await HTTPFixture.withClient(seeds: shelf) { service, client in
            _ = try await service.addHouse(id: "far", name: "Far", city: "datong")
            let far = try await HTTPFixture.enroll(service, client, house: "far")
            let answer = try await Self.get(client, "/v1/seed", bearer: far.bearer)
            #expect(answer.status == 404)
            #expect(try WireCoding.read(WireErrorBody.self, from: answer.body).error.code == "no_seed")
        }
        try await HTTPFixture.withClient { service, client in
            let credential = try await HTTPFixture.enroll(service, client, house: "h1")
            let answer = try await Self.get(client, "/v1/seed", bearer: credential.bearer)
            #expect(answer.status == 404)
            #expect(try WireCoding.read(WireErrorBody.self, from: answer.body).error.code == "no_seed")
        }
    }

    @Test func publishingKeepsTheBuildBeforeForDownloadsUnderWayAndNoOlder() throws {
        let (shelf, first) = try Self.shelf(Data([1]), name: "g1")
        defer { try? FileManager.default.removeItem(atPath: shelf.directory) }
        try Data([1]).write(to: URL(fileURLWithPath: shelf.gzipPath(of: "g1")))
        for name in ["g2", "g3"] {
            try Data([2]).write(to: URL(fileURLWithPath: shelf.path(of: name)))
            try Data([2]).write(to: URL(fileURLWithPath: shelf.gzipPath(of: name)))
            var next = first
            next.generation = name
            try shelf.publish(next)
        }
        #expect(try shelf.current()?.generation == "g3")
        #expect(!FileManager.default.fileExists(atPath: shelf.path(of: "g1")))
        #expect(!FileManager.default.fileExists(atPath: shelf.gzipPath(of: "g1")))
        #expect(FileManager.default.fileExists(atPath: shelf.path(of: "g2")))
        #expect(FileManager.default.fileExists(atPath: shelf.gzipPath(of: "g2")))
        let mode = try FileManager.default.attributesOfItem(atPath: shelf.directory + "/current.json")[.posixPermissions] as? Int
        #expect(mode == 0o600, "the manifest holds the seed's key")
    }

    @Test(arguments: [
        ("bytes=0-", 10, ByteRangeCase.part(0, 9)), ("bytes=4-", 10, .part(4, 9)), ("bytes=2-5", 10, .part(2, 5)),
        ("bytes=2-500", 10, .part(2, 9)), ("bytes=-3", 10, .part(7, 9)), ("bytes=-30", 10, .part(0, 9)),
        ("bytes=10-", 10, .unsatisfiable), ("bytes=-0", 10, .unsatisfiable), ("bytes=5-2", 10, .whole),
        ("bytes=1-2,4-5", 10, .whole), ("items=1-2", 10, .whole), ("bytes=x-", 10, .whole), (nil, 10, .whole),
    ] as [(String?, Int, ByteRangeCase)])
    func aRangeHeaderIsReadAsTheRFCSays(header: String?, size: Int, expected: ByteRangeCase) {
        #expect(ByteRangeCase(ByteRange(header: header, size: size)) == expected)
    }
}

/// `ByteRange` as plain values, for the parameterised test.
enum ByteRangeCase: Equatable, Sendable {
    case whole, unsatisfiable
    case part(Int, Int)

    init(_ range: ByteRange) {
        switch range {
        case .whole: self = .whole
        case .unsatisfiable: self = .unsatisfiable
        case .part(let r): self = .part(r.lowerBound, r.upperBound)
        }
    }
}
