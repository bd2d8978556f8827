/// The CSV files of `kiosk import donors`: a city registry export of donors (`donors.csv`) and,
/// optionally, their donation history (`donations.csv`). Pure: text in, records and
/// rejections out; the command reads the files.
///
/// `donors.csv` columns (header required, any order, names exact, no others):
/// `id_number,name,sex,birth_date,phone,blood_type`. Only `id_number` and `name` must be
/// present; `sex` and `birth_date` may be empty (read from the ID number) and must agree with
/// it when given; `phone` and `blood_type` are optional.
public enum RegistryCSV {
    /// The columns of `donors.csv`, in the order the writer puts them.
    public static let donorColumns = ["id_number", "name", "sex", "birth_date", "phone", "blood_type"]
    /// The columns of `donations.csv`, in the order the writer puts them.
    public static let donationColumns = ["id_number", "date", "kind", "volume_ml", "doses", "outcome", "region"]

    /// Parses `donors.csv`. Every data row becomes a donor or a rejection naming its line; a
    /// header problem rejects line 1 and nothing else is read. `today` bounds birth dates.
    ///
    /// A second row with the same ID number is rejected (naming the first row's line) even
    /// when the first row was itself rejected for another field: two rows for one person need
    /// a human to choose, not the importer.
    public static func parseDonors(_ text: String, today: LocalDate) -> (donors: [RegistryDonor], rejected: [RowRejection]) {
        var donors: [RegistryDonor] = []
        var rejected: [RowRejection] = []
        for result in DonorReader(text, today: today) {
            switch result {
            case .success(let donor): donors.append(donor)
            case .failure(let rejection): rejected.append(rejection)
            }
        }
        return (donors, rejected)
    }

    /// `parseDonors` one row at a time, for files too big to hold as two arrays: yields a
    /// donor or a rejection per data row, in file order (a header problem is the only item).
    /// Only the set of ID numbers seen so far is kept, for the duplicate check.
    public struct DonorReader: Sequence, IteratorProtocol {
        private var reader: CSVReader
        private let today: LocalDate
        private var header: CSVHeader?
        private var headerRead = false
        private var firstLine: [String: Int] = [:]

        /// A reader over the text of a `donors.csv`; `today` bounds birth dates.
        public init(_ text: String, today: LocalDate) {
            self.reader = CSVReader(text)
            self.today = today
        }

        /// The next data row's donor or rejection; nil at the end of the file.
        public mutating func next() -> Result<RegistryDonor, RowRejection>? {
            if !headerRead {
                headerRead = true
                switch CSVHeader.read(reader.next(), allowed: donorColumns, required: ["id_number", "name"]) {
                case .success(let value): header = value
                case .failure(let rejection): return .failure(rejection)
                }
            }
            guard let header, let record = reader.next() else { return nil }
            return header.row(record).flatMap { row in
                RegistryCSV.donor(row, today: today, firstLine: &firstLine)
            }
        }
    }

    /// One donor row, checked field by field; the first problem rejects it.
    fileprivate static func donor(_ row: CSVHeader.Row, today: LocalDate, firstLine: inout [String: Int]) -> Result<RegistryDonor, RowRejection> {
        let document: IdentityDocument
        switch identity(row, today: today) {
        case .success(let value): document = value
        case .failure(let rejection): return .failure(rejection)
        }
        if let first = firstLine[document.number] {
            return .failure(row.reject("duplicate ID number \(document.masked): first on line \(first)"))
        }
        firstLine[document.number] = row.line
        // A document with a check character always encodes both.
        guard let encodedSex = document.sex, let encodedBirth = document.birthDate else {
            return .failure(row.reject("invalid ID number in column id_number: no birth date or sex encoded"))
        }

        let name = row["name"]
        guard !name.isEmpty else { return .failure(row.reject("empty name in column name")) }

        let sexText = row["sex"]
        if !sexText.isEmpty {
            guard let sex = sex(sexText) else {
                return .failure(row.reject("bad sex '\(sexText)' in column sex: expected male or female (or empty)"))
            }
            guard sex == encodedSex else {
                return .failure(row.reject("sex in column sex (\(sex.rawValue)) disagrees with the ID number \(document.masked) (\(encodedSex.rawValue))"))
            }
        }
        let birthText = row["birth_date"]
        if !birthText.isEmpty {
            guard let birth = date(birthText) else {
                return .failure(row.reject("bad date '\(birthText)' in column birth_date: expected YYYY-MM-DD (or empty)"))
            }
            guard birth == encodedBirth else {
                return .failure(row.reject("birth date in column birth_date (\(birth.iso)) disagrees with the ID number \(document.masked)"))
            }
        }
        var phone: String?
        let phoneText = row["phone"]
        if !phoneText.isEmpty {
            // The number itself is personal information: the reason never quotes it.
            guard let normalised = normalisedPhone(phoneText) else {
                return .failure(row.reject("bad phone in column phone: expected an 11-digit mobile number starting with 1"))
            }
            phone = normalised
        }
        var bloodType: BloodType?
        let bloodText = row["blood_type"]
        if !bloodText.isEmpty {
            guard let value = Self.bloodType(bloodText) else {
                return .failure(row.reject("bad blood type '\(bloodText)' in column blood_type: expected A+, A-, B+, B-, O+, O-, AB+ or AB-"))
            }
            bloodType = value
        }
        return .success(RegistryDonor(
            idNumber: document.number, documentType: document.documentType, name: name, sex: encodedSex,
            birthDate: encodedBirth, phone: phone, bloodType: bloodType))
    }

    /// The row's resident ID or permit number, or its rejection; the reason carries the
    /// parser's English message, which never quotes the number.
    static func identity(_ row: CSVHeader.Row, today: LocalDate) -> Result<IdentityDocument, RowRejection> {
        let raw = row["id_number"]
        guard !raw.isEmpty else { return .failure(row.reject("missing ID number in column id_number")) }
        return IdentityParser.parseResidentID(raw, today: today).mapError {
            row.reject("invalid ID number in column id_number: " + $0.message(in: .en))
        }
    }

    /// `male`/`female` as the writer puts them, plus the short and Chinese forms exports use.
    static func sex(_ text: String) -> Sex? {
        switch text.lowercased() {
        case "male", "m", "男": return .male
        case "female", "f", "女": return .female
        default: return nil
        }
    }

    /// `YYYY-MM-DD`, or the compact `YYYYMMDD` some exports use.
    static func date(_ text: String) -> LocalDate? {
        LocalDate(iso: text) ?? LocalDate(compact: Substring(text))
    }

    /// A mainland mobile number: spaces, hyphens and full-width digits folded like ID numbers,
    /// an optional +86 country code dropped, then exactly 11 ASCII digits starting with 1.
    static func normalisedPhone(_ text: String) -> String? {
        var digits = IdentityNormalizer.normalize(text)
        if digits.hasPrefix("+86") { digits.removeFirst(3) } else if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
        guard digits.count == 11, digits.first == "1", digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return digits
    }

    /// A blood type as `BloodType` reads it (`A+`, `AB-`; a bare `A` is RhD positive, the
    /// common case in China), in any letter case.
    static func bloodType(_ text: String) -> BloodType? {
        BloodType(text)
    }
}
