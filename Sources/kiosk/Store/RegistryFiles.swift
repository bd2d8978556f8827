import DonorCore
import Foundation
import KioskStore

/// The rows of a registry import (`donors.csv` and optionally `donations.csv`), parsed, joined
/// and checked against the store, with every rejected row named by file and line.
struct RegistryFiles {
    /// A row that was not taken.
    struct Rejected: Encodable {
        var file: String
        var line: Int
        var reason: String
    }

    var donors: [RegistryDonor] = []
    var donations = 0
    var rejected: [Rejected] = []

    /// Reads a file as UTF-8 text, or fails with exit status 2 ("a wrong file").
    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIFailure("\(path): cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw CLIFailure("\(path): not UTF-8 text") }
        return text
    }

    /// Parses `donorsPath` (and `donationsPath`), showing lines read on a progress line
    /// labelled `progressLabel` (none when nil).
    ///
    /// - Parameter isStored: whether a donor with this ID number is already in the store; such
    ///   a row is rejected, since importing it again would make a second record of one person.
    init(donorsPath: String, donationsPath: String?, today: LocalDate, progressLabel: String?,
         isStored: (String) throws -> Bool) throws {
        let text = try Self.readText(donorsPath)
        let lineCount = max(text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }, 1)
        let progress = progressLabel.map { ProgressLine(label: $0, total: lineCount) }
        defer { progress?.finish() }
        var reader = RegistryCSV.DonorReader(text, today: today)
        while let result = reader.next() {
            switch result {
            case .success(let donor):
                if try isStored(donor.idNumber) {
                    rejected.append(Rejected(file: donorsPath, line: reader.line, reason: "a donor with this ID number is already in the store"))
                } else {
                    donors.append(donor)
                }
            case .failure(let rejection) where rejection.line == 1:
                // A header problem means the file is not a donors.csv at all.
                throw CLIFailure("\(donorsPath):1: \(rejection.reason)")
            case .failure(let rejection):
                rejected.append(Rejected(file: donorsPath, line: rejection.line, reason: rejection.reason))
            }
            progress?.update(min(reader.line, lineCount))
        }
        if let donationsPath { try attachDonations(from: donationsPath) }
    }

    /// Adds the donations of `path` to the donors they belong to; a donation whose donor is
    /// not among this import's donors is rejected (donations join donors by ID number).
    private mutating func attachDonations(from path: String) throws {
        let parsed = RegistryCSV.parseDonations(try Self.readText(path))
        if let header = parsed.rejected.first, header.line == 1 { throw CLIFailure("\(path):1: \(header.reason)") }
        var refused = parsed.rejected.map { Rejected(file: path, line: $0.line, reason: $0.reason) }
        var index: [String: Int] = [:]
        for (position, donor) in donors.enumerated() { index[donor.idNumber] = position }
        for (number, donation) in parsed.rows {
            let line = Int(donation.id.dropFirst("csv-".count)) ?? 0
            guard let position = index[number] else {
                refused.append(Rejected(file: path, line: line, reason: "no donor with this ID number among the imported donors"))
                continue
            }
            var stored = donation
            // The parser's "csv-<line>" is unique only within one file; a fresh id is unique in the store.
            stored.id = ""
            donors[position].history.append(stored)
            donations += 1
        }
        // The donors file's rows first, then the donations file's, each in line order.
        rejected += refused.sorted { $0.line < $1.line }
    }
}
