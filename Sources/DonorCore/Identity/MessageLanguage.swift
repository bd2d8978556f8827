/// The language of a message shown to a person: simplified Chinese for donors and volunteers,
/// English for visitors and for the engineers who read the logs.
public enum MessageLanguage: String, Sendable, Codable, CaseIterable {
    /// Simplified Chinese (zh-Hans), the kiosk's default.
    case zhHans = "zh"
    /// English.
    case en
}
