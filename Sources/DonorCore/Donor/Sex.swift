/// A donor's sex as the ID number records it; the policy's weight and haemoglobin lines differ by it.
public enum Sex: String, Codable, Sendable, CaseIterable {
    case male
    case female
}
