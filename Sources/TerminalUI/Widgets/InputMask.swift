/// Which characters a text field accepts, and how many.
public struct InputMask: Sendable {
    /// The most graphemes the field holds, or nil for no limit.
    public var maximumLength: Int?
    /// Maps a typed character at a position to what is stored, or nil to reject it.
    public var accept: @Sendable (Character, Int) -> Character?

    /// A mask from a filter and a length limit.
    public init(maximumLength: Int? = nil, accept: @escaping @Sendable (Character, Int) -> Character?) {
        self.maximumLength = maximumLength
        self.accept = accept
    }

    /// Anything printable.
    public static let any = InputMask { character, _ in character }

    /// Digits only, at most `count`.
    public static func digits(_ count: Int) -> InputMask {
        InputMask(maximumLength: count) { character, _ in character.isASCII && character.isNumber ? character : nil }
    }

    /// A resident ID number: 18 characters, digits, and X (typed as x or X, stored as X)
    /// only as the last check character.
    public static let idNumber = InputMask(maximumLength: 18) { character, position in
        if character.isASCII && character.isNumber { return character }
        if (character == "x" || character == "X") && position == 17 { return "X" }
        return nil
    }

    /// A mobile phone number: 11 digits.
    public static let phone = InputMask.digits(11)
}
