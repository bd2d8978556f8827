import DonorCore
import Foundation
import SyncWire

/// Lab deferrals set at the centre and published to every house of the city.
extension CentralService {
    /// One row of a lab deferral import, or of `deferral add`.
    public struct LabDeferral: Sendable, Equatable {
        public var idNumber: String
        public var rule: String
        public var from: LocalDate
        public var until: LocalDate?

        public init(idNumber: String, rule: String, from: LocalDate, until: LocalDate?) {
            self.idNumber = idNumber
            self.rule = rule
            self.from = from
            self.until = until
        }
    }

    /// Checks a lab deferral against the policy and the registry; returns the donor key.
    public func check(_ deferral: LabDeferral) async throws -> String {
        guard policy.deferralRule(deferral.rule) != nil else {
            throw CentralError.badRequest("unknown_rule", "The policy has no deferral rule '\(deferral.rule)'.")
        }
        if let until = deferral.until, until <= deferral.from {
            throw CentralError.badRequest("invalid_dates", "The end date must come after the start date.")
        }
        let number = IdentityNormalizer.normalizeDocumentNumber(deferral.idNumber)
        guard let donor = try await store.donor(idHash: keys.idHash(number)) else {
            // Never repeat the number: the message may reach a log or a terminal.
            throw CentralError(404, "unknown_donor", "No donor with this ID number is in the registry.")
        }
        return donor.key
    }

    /// Publishes a lab deferral as a `deferral.added` event made by the centre.
    @discardableResult
    public func addLabDeferral(_ deferral: LabDeferral) async throws -> (id: String, seq: Int64) {
        let key = try await check(deferral)
        let deferralID = UUID().uuidString.lowercased()
        let event = try centralEvent(.deferralAdded, donorKey: key, author: "lab", payload: DeferralAddedPayload(
            donor: key, deferral: Deferral(id: deferralID, rule: deferral.rule, source: .lab, from: deferral.from, until: deferral.until)))
        let seq = try await commitCentral(event)
        logger.info("lab deferral published", metadata: ["event": .string(event.id), "rule": .string(deferral.rule)])
        return (event.id, seq)
    }

    /// Reads a CSV of lab deferrals: a header `id_number,rule,from,until` (`from` and `until`
    /// may be empty: today, and permanent). Every line is checked before any is published, so
    /// a bad file publishes nothing; problems are returned with their line numbers.
    public func importLabDeferrals(csv text: String) async throws -> (published: Int, problems: [String]) {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let header = lines.first?.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              header.starts(with: ["id_number", "rule"]) else {
            return (0, ["line 1: expected the header id_number,rule,from,until"])
        }
        var rows: [LabDeferral] = [], problems: [String] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let cell = { (name: String) -> String in header.firstIndex(of: name).flatMap { $0 < cells.count ? cells[$0] : nil } ?? "" }
            let fromText = cell("from"), untilText = cell("until")
            guard let from = fromText.isEmpty ? today : LocalDate(iso: fromText) else {
                problems.append("line \(index + 1): 'from' must be a date YYYY-MM-DD"); continue
            }
            guard untilText.isEmpty || LocalDate(iso: untilText) != nil else {
                problems.append("line \(index + 1): 'until' must be a date YYYY-MM-DD or empty"); continue
            }
            let row = LabDeferral(idNumber: cell("id_number"), rule: cell("rule"), from: from, until: LocalDate(iso: untilText))
            do {
                _ = try await check(row)
                rows.append(row)
            } catch let error as CentralError {
                problems.append("line \(index + 1): \(error.message)")
            }
        }
        guard problems.isEmpty else { return (0, problems) }
        for row in rows { try await addLabDeferral(row) }
        return (rows.count, [])
    }
}
