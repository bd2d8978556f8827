/// One rule that stands in the way of a donation (or did, before a supervisor overrode it).
public struct RuleFinding: Codable, Sendable, Hashable {
    /// Stable code, see `RuleCode`.
    public var code: String
    /// The UI string key that explains it in plain words.
    public var messageKey: String
    /// The values involved (measured value, the line, dates), as text for messages.
    public var values: [String: String]
    /// Whether a supervisor may override it under the policy.
    public var overridable: Bool
    /// For a rule that passes with time: the first day it no longer applies. Nil when time
    /// alone does not lift it (a measurement today, a permanent deferral).
    public var until: LocalDate?
    /// Set when a supervisor overrode the rule for this decision.
    public var override: RuleOverride?

    public init(code: String, values: [String: String] = [:], overridable: Bool = false, until: LocalDate? = nil) {
        self.code = code
        self.messageKey = "eligibility.\(code)"
        self.values = values
        self.overridable = overridable
        self.until = until
        self.override = nil
    }
}

/// The answer to "may this donor give this procedure today?", with every reason.
public struct EligibilityDecision: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// Every rule passes (or was overridden).
        case eligible
        /// At least one rule fails.
        case ineligible
        /// No rule fails yet, but some checks were not taken.
        case incomplete
    }

    /// The policy used, as `id@version`.
    public var policy: String
    public var date: LocalDate
    public var procedure: Procedure
    public var status: Status
    /// Rules that fail, in a stable order.
    public var failures: [RuleFinding]
    /// Rules that failed but a supervisor overrode.
    public var overridden: [RuleFinding]
    /// Checks not taken yet (e.g. "haemoglobin").
    public var missing: [String]
    /// Per procedure, the first day the date-bound rules allow it; absent when time alone
    /// never will (a permanent deferral, the age limit).
    public var nextPossible: [Procedure: LocalDate]

    public var eligible: Bool { status == .eligible }

    /// The decision as `viewer` may see it: for anyone but a supervisor a permanent deferral
    /// says only "please see the nurse" and carries no reason, rule or source.
    public func redacted(for viewer: Viewer) -> EligibilityDecision {
        guard !viewer.seesPermanentDeferralReason else { return self }
        var copy = self
        copy.failures = failures.map { finding in
            guard finding.code == RuleCode.permanentDeferral else { return finding }
            var hidden = RuleFinding(code: RuleCode.permanentDeferral)
            hidden.messageKey = "eligibility.see_nurse"
            return hidden
        }
        // Keep a single "see the nurse" line however many permanent deferrals there are.
        var seen = false
        copy.failures.removeAll { finding in
            guard finding.code == RuleCode.permanentDeferral else { return false }
            defer { seen = true }
            return seen
        }
        return copy
    }
}
