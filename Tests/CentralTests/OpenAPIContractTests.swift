import Central
import Crypto
import DonorCore
import Foundation
import KioskTestSupport
import SyncWire
import Testing

/// The router serves exactly the routes `openapi.yaml` writes down, and every answer's body
/// satisfies the schema the document gives for its status.
@Suite("openapi.yaml contract")
struct OpenAPIContractTests {
    /// The document as JSON (PyYAML converts it; scripts/deps installs python3-yaml).
    static func document() throws -> JSONValue {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)",
                             ProductBinary.packageRoot.appendingPathComponent("openapi.yaml").path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with PyYAML is needed to read openapi.yaml")
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    @Test func theRouterServesExactlyThePathsAndMethodsOfTheDocument() async throws {
        let paths = try Self.document()["paths"]?.objectValue ?? [:]
        let documented = Set(paths.flatMap { path, methods in
            (methods.objectValue ?? [:]).keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(path)" }
        })
        try await ServiceFixture.withService(.sqlite) { service in
            let served = Set(CentralRouter.build(service).routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(served == documented)
            #expect(documented.count == 9)
        }
    }

    @Test func theValidatorCatchesAMissingFieldAndAWrongType() throws {
        let validator = SchemaValidator(document: try Self.document())
        let error = JSONValue.object(["$ref": .string("#/components/schemas/Error")])
        #expect(validator.validate(.object(["error": .object(["code": .string("x")])]), against: error, at: "e") == ["e.error: missing message"])
        #expect(validator.validate(.object(["error": .object(["code": .number(1), "message": .string("m")])]), against: error, at: "e").count == 1)
    }

    @Test func everyAnswerMatchesItsSchema() async throws {
        let document = try Self.document()
        let validator = SchemaValidator(document: document)
        try await HTTPFixture.withClient { service, client in
            let key = Curve25519.Signing.PrivateKey()
            _ = try await service.addHouse(id: "h1", name: "H")
            let token = try await service.issueEnrollToken(house: "h1", hours: 1).token
            var answers: [(String, String, Int, Data)] = []
            func record(_ method: String, _ path: String, _ uri: String, bearer: String? = nil, body: String? = nil) async throws {
                let answer = try await HTTPFixture.send(client, .init(rawValue: method.uppercased())!, uri, bearer: bearer, body: body)
                answers.append((method, path, answer.status, answer.body))
            }
            let enroll = EnrollRequest(token: token, deviceName: "k", signingKey: CardQR.base64url(key.publicKey.rawRepresentation))
            try await record("post", "/v1/enroll", "/v1/enroll", body: HTTPFixture.json(enroll))
            let credential = try JSONDecoder().decode(EnrollResponse.self, from: answers[0].3)
            try await record("post", "/v1/enroll", "/v1/enroll", body: HTTPFixture.json(enroll))
            let events = [Make.registration("r1", house: "h1", device: credential.deviceID, donor: "d1"),
                          Make.donation("g1", house: "h1", device: credential.deviceID, donor: "d1", date: "2026-11-01", volume: 450)]
            try await record("post", "/v1/events", "/v1/events", bearer: credential.bearer, body: HTTPFixture.json(PushRequest(events: events)))
            try await record("post", "/v1/events", "/v1/events", body: "{}")
            try await record("get", "/v1/changes", "/v1/changes?after=0&limit=1", bearer: credential.bearer)
            try await record("get", "/v1/changes", "/v1/changes?limit=0", bearer: credential.bearer)
            try await record("get", "/v1/snapshot", "/v1/snapshot?limit=1", bearer: credential.bearer)
            let claims = CardQR.Claims(pseudonym: CardQR.pseudonym(donorKey: "d1"), card: .annual, tierIndex: 0, validThrough: LocalDate(iso: "2027-10-31"))
            let qr = try CardQR.sign(claims, with: key)
            try await record("post", "/v1/verify", "/v1/verify", bearer: credential.bearer, body: HTTPFixture.json(VerifyRequest(payload: qr)))
            try await record("post", "/v1/verify", "/v1/verify", bearer: credential.bearer, body: "[]")
            try await record("get", "/healthz", "/healthz")
            // No seed built: both seed routes answer with their documented 404.
            try await record("get", "/v1/seed", "/v1/seed", bearer: credential.bearer)
            try await record("get", "/v1/seed/{generation}", "/v1/seed/20261127-000000-1", bearer: credential.bearer)

            #expect(Set(answers.map(\.1)).count == 8)
            for (method, path, status, body) in answers {
                guard let schema = validator.responseSchema(path: path, method: method, status: status) else {
                    Issue.record("\(method) \(path) answered \(status), which openapi.yaml does not document")
                    continue
                }
                let json = try JSONDecoder().decode(JSONValue.self, from: body)
                let problems = validator.validate(json, against: schema, at: "\(method) \(path) \(status)")
                #expect(problems.isEmpty, "\(problems)")
            }
        }
    }
}

/// Checks JSON against the OpenAPI subset the document uses: $ref, type (or a list of types),
/// required, properties, items, enum.
struct SchemaValidator: Sendable {
    let document: JSONValue

    func responseSchema(path: String, method: String, status: Int) -> JSONValue? {
        guard var response = document["paths"]?[path]?[method]?["responses"]?[String(status)] else { return nil }
        if let ref = response["$ref"]?.stringValue { response = resolve(ref) }
        return response["content"]?["application/json"]?["schema"]
    }

    func resolve(_ ref: String) -> JSONValue {
        var node = document
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    func validate(_ value: JSONValue, against schema: JSONValue, at path: String) -> [String] {
        if let ref = schema["$ref"]?.stringValue { return validate(value, against: resolve(ref), at: path) }
        var problems: [String] = []
        let types: [String]
        switch schema["type"] {
        case .string(let one)?: types = [one]
        case .array(let many)?: types = many.compactMap(\.stringValue)
        default: types = []
        }
        if !types.isEmpty && !types.contains(where: { matches(value, $0) }) {
            return ["\(path): expected \(types.joined(separator: " or ")), got \(value)"]
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(value) {
            problems.append("\(path): \(value) is not one of \(allowed)")
        }
        if case .object(let object) = value {
            if case .array(let required)? = schema["required"] {
                for key in required.compactMap(\.stringValue) where object[key] == nil { problems.append("\(path): missing \(key)") }
            }
            for (key, sub) in schema["properties"]?.objectValue ?? [:] {
                if let member = object[key], member != .null { problems += validate(member, against: sub, at: "\(path).\(key)") }
            }
        }
        if case .array(let array) = value, let items = schema["items"] {
            for (index, item) in array.enumerated() { problems += validate(item, against: items, at: "\(path)[\(index)]") }
        }
        return problems
    }

    func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("null", .null), ("boolean", .bool), ("number", .number): return true
        case ("integer", .number(let n)): return n.rounded() == n
        default: return false
        }
    }
}

extension JSONValue {
    /// The member `key` of an object.
    subscript(key: String) -> JSONValue? { objectValue?[key] }
}
