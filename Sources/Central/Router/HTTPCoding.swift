import Foundation
import Hummingbird
import SyncWire

/// Reading request bodies and query strings, writing JSON answers: every failure is a
/// `CentralError` with a plain message, never a framework default.
enum HTTPCoding {
    /// Collects at most `CentralRouter.maxBodyBytes` and decodes `T`.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: CentralRouter.maxBodyBytes)
        } catch {
            throw CentralError.tooLarge
        }
        do {
            return try WireCoding.read(T.self, from: Data(buffer: buffer))
        } catch DecodingError.keyNotFound(let key, let context) {
            throw CentralError.badRequest("missing_field", "The field '\(path(context.codingPath + [key]))' is missing.")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw CentralError.badRequest("wrong_type", "The field '\(path(context.codingPath))' has a value of the wrong type.")
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw CentralError.badRequest("invalid_value", "The field '\(path(context.codingPath))' has a value that is not allowed.")
        } catch {
            throw CentralError.badRequest("invalid_json", "The body is not valid JSON.")
        }
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    /// A JSON answer with sorted keys.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        response(try WireCoding.encoder().encode(value), status: status)
    }

    /// A push answer or a page of changes: the same bytes, written without `JSONEncoder`.
    static func json<T: WireJSONWritable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        response(WireCoding.write(value), status: status)
    }

    private static func response(_ data: Data, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An integer query parameter within `range`, or `fallback` when absent.
    static func int(_ request: Request, _ name: String, _ range: ClosedRange<Int64>, fallback: Int64?) throws -> Int64? {
        guard let text = request.uri.queryParameters.get(name) else { return fallback }
        guard let value = Int64(text), range.contains(value) else {
            throw CentralError.badRequest("invalid_parameter", "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}
