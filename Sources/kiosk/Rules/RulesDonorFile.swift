import DonorCore
import Foundation

/// The donor described in a JSON file for `kiosk rules`: no database, just the facts the rules
/// read. The format is documented in the README with an example (`docs/examples/donor.json`).
struct RulesDonorFile: Decodable {
    /// Sex and birth date, or `id_number` to derive both.
    var donor: DonorProfile
    var history: [Donation]
    var deferrals: [Deferral]
    var answers: QuestionnaireAnswers?
    var vitals: Vitals
    var overrides: [RuleOverride]

    enum CodingKeys: String, CodingKey {
        case donor, history, deferrals, answers, vitals, overrides
        case idNumber = "id_number"
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let profile = try c.decodeIfPresent(DonorProfile.self, forKey: .donor) {
            donor = profile
        } else if let number = try c.decodeIfPresent(String.self, forKey: .idNumber) {
            // Any real birth date is in the past; the far-future "today" only skips that check.
            switch IdentityParser.parseResidentID(number, today: LocalDate(year: 9999, month: 12, day: 31)!) {
            case .success(let document):
                guard let sex = document.sex, let birth = document.birthDate else {
                    throw DecodingError.dataCorruptedError(forKey: .idNumber, in: c, debugDescription: "this document gives no sex and birth date; give \"donor\" instead")
                }
                donor = DonorProfile(sex: sex, birthDate: birth)
            case .failure(let rejection):
                throw DecodingError.dataCorruptedError(forKey: .idNumber, in: c, debugDescription: rejection.message(in: .en))
            }
        } else {
            throw DecodingError.keyNotFound(CodingKeys.donor, .init(codingPath: [], debugDescription: "give \"donor\": {\"sex\", \"birth_date\"} or \"id_number\""))
        }
        history = try c.decodeIfPresent([Donation].self, forKey: .history) ?? []
        deferrals = try c.decodeIfPresent([Deferral].self, forKey: .deferrals) ?? []
        answers = try c.decodeIfPresent(QuestionnaireAnswers.self, forKey: .answers)
        vitals = try c.decodeIfPresent(Vitals.self, forKey: .vitals) ?? Vitals()
        overrides = try c.decodeIfPresent([RuleOverride].self, forKey: .overrides) ?? []
        for (index, donation) in history.enumerated() where donation.id.isEmpty {
            history[index].id = "history-\(index + 1)"
        }
    }

    /// Reads and decodes `path`, with a plain message naming the field when it is wrong.
    static func load(_ path: String) throws -> RulesDonorFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure("\(path): cannot read the file")
        }
        do {
            return try JSONDecoder().decode(RulesDonorFile.self, from: data)
        } catch let error as DecodingError {
            throw CLIFailure("\(path): \(describe(error))")
        } catch {
            throw CLIFailure("\(path): not valid JSON")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(path(context.codingPath + [key]))\"" + (context.debugDescription.hasPrefix("give") ? ": \(context.debugDescription)" : "")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): wrong type (\(context.debugDescription))"
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            return (at.isEmpty ? "" : "\(at): ") + context.debugDescription
        @unknown default:
            return "not a donor file"
        }
    }
}
