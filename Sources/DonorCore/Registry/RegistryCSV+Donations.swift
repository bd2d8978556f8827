extension RegistryCSV {
    /// Parses `donations.csv`: `id_number,date,kind,volume_ml,doses,outcome,region` (header
    /// required, any order, names exact). `id_number`, `date` and `kind` must be present.
    ///
    /// Whole blood and plasma need `volume_ml` and no `doses`; platelets need `doses` and no
    /// `volume_ml`; stem cells neither. `outcome` defaults to `complete`, an empty `region`
    /// means this city. Each donation gets the id `csv-<line>`, which the importer should
    /// qualify with its batch. The same donor, day and kind twice is rejected as a duplicate.
    ///
    /// There is no `today` here, so an ID number is checked for shape, address code, date
    /// validity and check character, not against the calendar; the donors file does that.
    public static func parseDonations(_ text: String) -> (rows: [(idNumber: String, donation: Donation)], rejected: [RowRejection]) {
        var reader = CSVReader(text)
        let header: CSVHeader
        switch CSVHeader.read(reader.next(), allowed: donationColumns, required: ["id_number", "date", "kind"]) {
        case .success(let value): header = value
        case .failure(let rejection): return ([], [rejection])
        }
        var rows: [(idNumber: String, donation: Donation)] = []
        var rejected: [RowRejection] = []
        var firstLine: [String: Int] = [:]
        while let record = reader.next() {
            switch header.row(record).flatMap({ donation($0, firstLine: &firstLine) }) {
            case .success(let row): rows.append(row)
            case .failure(let rejection): rejected.append(rejection)
            }
        }
        return (rows, rejected)
    }

    /// The far end of the calendar: a donation file has no "today" to bound birth dates with.
    private static let endOfCalendar = LocalDate(year: 9999, month: 12, day: 31)!

    private static func donation(_ row: CSVHeader.Row, firstLine: inout [String: Int]) -> Result<(idNumber: String, donation: Donation), RowRejection> {
        let document: IdentityDocument
        switch identity(row, today: endOfCalendar) {
        case .success(let value): document = value
        case .failure(let rejection): return .failure(rejection)
        }
        let dateText = row["date"]
        guard let date = date(dateText) else {
            return .failure(row.reject("bad date '\(dateText)' in column date: expected YYYY-MM-DD"))
        }
        let kindText = row["kind"]
        guard let kind = DonationKind(rawValue: kindText) else {
            return .failure(row.reject("bad kind '\(kindText)' in column kind: expected whole_blood, platelets, plasma or stem_cell"))
        }
        let volume: Int?, doses: Int?
        switch (positive(row["volume_ml"]), positive(row["doses"])) {
        case (.bad(let text), _):
            return .failure(row.reject("bad volume '\(text)' in column volume_ml: expected a whole number of millilitres"))
        case (_, .bad(let text)):
            return .failure(row.reject("bad doses '\(text)' in column doses: expected a whole number"))
        case (.value(let v), .none) where kind == .wholeBlood || kind == .plasma:
            (volume, doses) = (v, nil)
        case (.none, .value(let d)) where kind == .platelets:
            (volume, doses) = (nil, d)
        case (.none, .none) where kind == .stemCell:
            (volume, doses) = (nil, nil)
        default:
            let expected = kind == .platelets ? "doses and no volume_ml"
                : kind == .stemCell ? "neither volume_ml nor doses" : "volume_ml and no doses"
            return .failure(row.reject("\(kind.rawValue) needs \(expected)"))
        }
        let outcomeText = row["outcome"]
        guard let outcome = outcomeText.isEmpty ? .complete : DonationOutcome(rawValue: outcomeText) else {
            return .failure(row.reject("bad outcome '\(outcomeText)' in column outcome: expected complete, low_volume, not_drawn or aborted"))
        }
        let key = "\(document.number) \(date.iso) \(kind.rawValue)"
        if let first = firstLine[key] {
            return .failure(row.reject("duplicate donation (\(document.masked), \(date.iso), \(kind.rawValue)): first on line \(first)"))
        }
        firstLine[key] = row.line
        let region = row["region"]
        let donation = Donation(
            id: "csv-\(row.line)", date: date, kind: kind, volumeML: volume, doses: doses, outcome: outcome,
            region: region.isEmpty ? nil : region)
        return .success((document.number, donation))
    }

    private enum Number { case none, value(Int), bad(String) }

    /// An optional positive whole number.
    private static func positive(_ text: String) -> Number {
        if text.isEmpty { return .none }
        guard text.allSatisfy(\.isASCIIDigit), text.count <= 6, let value = Int(text), value > 0 else { return .bad(text) }
        return .value(value)
    }
}

extension RegistryCSV {
    /// `donors.csv` for `donors` (header included, CRLF line ends, no BOM), the format
    /// `parseDonors` reads; for tests and for exporting the demo city.
    public static func donorsCSV(_ donors: [RegistryDonor]) -> String {
        var text = CSVWriter.line(donorColumns)
        for donor in donors {
            text += CSVWriter.line([
                donor.idNumber, donor.name, donor.sex.rawValue, donor.birthDate.iso,
                donor.phone ?? "", donor.bloodType?.description ?? "",
            ])
        }
        return text
    }

    /// `donations.csv` for the histories of `donors`, in donor order then by date. Donation
    /// ids, reactions and voided donations are not part of the format and are left out.
    public static func donationsCSV(_ donors: [RegistryDonor]) -> String {
        var text = CSVWriter.line(donationColumns)
        for donor in donors {
            for donation in CountCalculator.chronological(donor.history) where !donation.voided {
                text += CSVWriter.line([
                    donor.idNumber, donation.date.iso, donation.kind.rawValue,
                    donation.volumeML.map(String.init) ?? "", donation.doses.map(String.init) ?? "",
                    donation.outcome.rawValue, donation.region ?? "",
                ])
            }
        }
        return text
    }
}
