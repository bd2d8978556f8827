/// Security settings for staff sign-in. Kept in code (not the city policy file): they protect
/// the kiosk, they are not donation rules, and a blood centre should not be able to weaken
/// them by editing a text file.
public struct StaffPolicy: Sendable, Hashable {
    /// Wrong PINs in a row that lock an account.
    public var maxFailedAttempts: Int
    /// How long a locked account stays locked, in milliseconds.
    public var lockoutMilliseconds: Int64
    /// The shortest PIN accepted.
    public var minimumPINLength: Int
    /// scrypt cost: N (a power of two), r and p. The defaults (N = 2¹⁴, r = 8, p = 1, 16 MiB)
    /// take about 50–100 ms on a kiosk's CPU: slow enough that a stolen database cannot be
    /// brute-forced cheaply even for 6-digit PINs, fast enough that a nurse does not wait.
    public var scryptN: Int
    public var scryptR: Int
    public var scryptP: Int

    /// Whether a new PIN is one of those tried first: one digit repeated (111111) or digits in a
    /// row, up or down (123456, 987654). Checked where a person chooses a PIN (the settings
    /// screen, `kiosk staff add`); the demo house's documented PINs are made by the store itself.
    public static func isGuessable(_ pin: String) -> Bool {
        let digits = pin.compactMap(\.wholeNumberValue)
        guard digits.count == pin.count, digits.count > 1 else { return false }
        let steps = Set(zip(digits, digits.dropFirst()).map { $1 - $0 })
        return steps == [0] || steps == [1] || steps == [-1]
    }

    /// The defaults: 5 wrong PINs lock the account for 5 minutes; PINs of 6 digits or more.
    public init(maxFailedAttempts: Int = 5, lockoutMilliseconds: Int64 = 5 * 60 * 1000, minimumPINLength: Int = 6,
                scryptN: Int = 1 << 14, scryptR: Int = 8, scryptP: Int = 1) {
        self.maxFailedAttempts = maxFailedAttempts
        self.lockoutMilliseconds = lockoutMilliseconds
        self.minimumPINLength = minimumPINLength
        self.scryptN = scryptN
        self.scryptR = scryptR
        self.scryptP = scryptP
    }
}
