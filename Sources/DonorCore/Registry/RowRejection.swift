/// A row of an imported file that was not taken, and why.
///
/// Privacy (PIPL): `reason` never contains a full ID number or phone number; it may name the
/// column and a masked ID number (`1401**********0453`).
public struct RowRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The physical line (1-based, the header is line 1) where the record starts; a record
    /// with a quoted line break spans several lines and is reported at its first.
    public var line: Int
    /// What is wrong, in plain English, for the person who prepared the file.
    public var reason: String

    /// A rejection of the record starting on `line`.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// "line 7: bad phone in column phone: …".
    public var description: String { "line \(line): \(reason)" }
}
