@testable import DonorCore

/// Test-only helpers for making ID numbers, written independently of `ResidentIDChecksum`
/// so a bug there cannot hide in both the code and the expectation.
enum TestID {
    /// `body` (17 digits) followed by its ISO 7064 MOD 11-2 check character, computing the
    /// weights as 2^(18-i) mod 11 rather than from the table.
    static func withCheck(_ body: String) -> String {
        let digits = body.compactMap(\.wholeNumberValue)
        precondition(digits.count == 17, "test bodies have 17 digits")
        var sum = 0
        for (index, digit) in digits.enumerated() {
            var weight = 1
            for _ in 0..<(17 - index) { weight = weight * 2 % 11 }
            sum += digit * weight
        }
        let check = (12 - sum % 11) % 11
        return body + (check == 10 ? "X" : String(check))
    }

    /// A date for tests; the literals are known to exist.
    static func date(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        guard let date = LocalDate(year: year, month: month, day: day) else {
            preconditionFailure("test date \(year)-\(month)-\(day) does not exist")
        }
        return date
    }

    /// "Today" for tests that do not pin it themselves.
    static let today = date(2026, 6, 1)

    /// Parses a resident ID as of `today`.
    static func parse(_ raw: String, today: LocalDate = TestID.today) -> Result<IdentityDocument, IdentityRejection> {
        IdentityParser.parseResidentID(raw, today: today)
    }

    /// The parsed document, or nil when rejected.
    static func document(_ raw: String, today: LocalDate = TestID.today) -> IdentityDocument? {
        try? parse(raw, today: today).get()
    }

    /// The rejection, or nil when accepted.
    static func rejection(_ raw: String, today: LocalDate = TestID.today) -> IdentityRejection? {
        if case .failure(let rejection) = parse(raw, today: today) { return rejection }
        return nil
    }
}
