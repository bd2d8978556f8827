import CZlib
import Crypto
import Foundation

/// gzip of a whole file, file to file in pieces of 1 MiB (the seed is gigabytes), with the
/// written side's size and SHA-256 computed on the way.
public enum Gzip {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    static let piece = 1 << 20

    /// Compresses `source` into a new file at `destination`. Level 1: the centre rebuilds the
    /// seed nightly, and higher levels barely shrink a database of sealed fields further.
    public static func compress(_ source: String, to destination: String, level: Int32 = 1) throws -> (bytes: Int64, sha256: String) {
        var stream = z_stream()
        guard kiosk_deflate_init_gzip(&stream, level) == Z_OK else { throw Failure(description: "zlib would not start compressing") }
        defer { deflateEnd(&stream) }
        return try pump(source, to: destination) { input, output, finishing in
            try run(&stream, input, output, flush: finishing ? Z_FINISH : Z_NO_FLUSH) { stream, flush in deflate(stream, flush) }
        }
    }

    /// Inflates the gzip file `source` into a new file at `destination`. A file that is not
    /// gzip, is damaged or stops short fails, naming which.
    public static func decompress(_ source: String, to destination: String) throws -> (bytes: Int64, sha256: String) {
        var stream = z_stream()
        guard kiosk_inflate_init_gzip(&stream) == Z_OK else { throw Failure(description: "zlib would not start inflating") }
        defer { inflateEnd(&stream) }
        var ended = false
        let digest = try pump(source, to: destination) { input, output, finishing in
            if ended, !input.isEmpty { throw Failure(description: "there are bytes after the end of the compressed data") }
            guard !ended, !finishing else { return }
            ended = try run(&stream, input, output, flush: Z_NO_FLUSH) { stream, flush in inflate(stream, flush) }
        }
        guard ended else { throw Failure(description: "the compressed data stops short") }
        return digest
    }

    /// Reads `source` piece by piece, hands each piece (and an empty one at the end) to `step`
    /// with a writer to the new file; returns what was written.
    private static func pump(_ source: String, to destination: String,
                             _ step: (Data, (Data) throws -> Void, Bool) throws -> Void) throws -> (bytes: Int64, sha256: String) {
        guard let input = FileHandle(forReadingAtPath: source) else { throw Failure(description: "cannot read \(source)") }
        defer { try? input.close() }
        guard FileManager.default.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600]),
              let output = FileHandle(forWritingAtPath: destination) else { throw Failure(description: "cannot write \(destination)") }
        defer { try? output.close() }
        var hasher = SHA256(), bytes: Int64 = 0
        let write = { (data: Data) throws in
            try output.write(contentsOf: data)
            hasher.update(data: data)
            bytes += Int64(data.count)
        }
        while true {
            let data = try input.read(upToCount: piece) ?? Data()
            try step(data, write, data.isEmpty)
            if data.isEmpty { break }
        }
        try output.synchronize()
        return (bytes, SeedFile.hex(hasher.finalize()))
    }

    /// Feeds `input` through `call` (deflate or inflate) until it is used up or the stream
    /// ends, writing what comes out. True once the stream's end was reached.
    @discardableResult
    private static func run(_ stream: inout z_stream, _ input: Data, _ write: (Data) throws -> Void, flush: Int32,
                            _ call: (UnsafeMutablePointer<z_stream>, Int32) -> Int32) throws -> Bool {
        var output = [UInt8](repeating: 0, count: piece)
        return try input.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            stream.next_in = UnsafeMutablePointer(mutating: raw.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(raw.count)
            var status: Int32
            repeat {
                status = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return call(&stream, flush)
                }
                switch status {
                case Z_DATA_ERROR, Z_NEED_DICT: throw Failure(description: "the compressed data is damaged")
                case Z_STREAM_ERROR, Z_MEM_ERROR: throw Failure(description: "zlib failed (\(status))")
                default: break
                }
                let produced = output.count - Int(stream.avail_out)
                if produced > 0 { try write(Data(output[0..<produced])) }
            } while stream.avail_out == 0 && status != Z_STREAM_END
            if status == Z_STREAM_END, stream.avail_in > 0 {
                throw Failure(description: "there are bytes after the end of the compressed data")
            }
            return status == Z_STREAM_END
        }
    }
}
