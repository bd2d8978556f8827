/// Why a policy or catalogue file was refused: one error naming the file, the key and the line.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The dotted key path, e.g. `intervals.rule[3].wait.amount`; nil for a syntax error.
    public var key: String?
    /// 1-based line in `file`, when known.
    public var line: Int?
    /// What is wrong, in plain words.
    public var message: String

    public init(file: String, key: String?, line: Int?, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `taiyuan.toml:42: intervals.rule[3].wait.amount: must not be negative (got -2)`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "\(key): " }
        return text + message
    }
}
