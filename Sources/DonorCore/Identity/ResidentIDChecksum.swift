/// The ISO 7064 MOD 11-2 check character of GB 11643-1999, shared by resident IDs, the
/// Hong Kong/Macau/Taiwan residence permits and the 2023 foreigner's permanent residence ID.
public enum ResidentIDChecksum {
    /// The weights of positions 1–17 (2^(18-i) mod 11).
    public static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// The check character for each value of the weighted sum mod 11.
    public static let characters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character for the first 17 characters of a number (`34052419800101001` → `X`),
    /// or nil when they are not exactly 17 ASCII digits.
    public static func checkCharacter<S: StringProtocol>(forFirst17 body: S) -> Character? {
        guard body.count == 17 else { return nil }
        var sum = 0
        for (character, weight) in zip(body, weights) {
            guard character.isASCIIDigit, let digit = character.wholeNumberValue else { return nil }
            sum += digit * weight
        }
        return characters[sum % 11]
    }
}
