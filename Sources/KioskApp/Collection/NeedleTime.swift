import TerminalUI

/// A needle time as the nurse types it: "09:30", "9:30", "0930" or "930", read as "HH:MM" on
/// a 24-hour clock (the form a donation event carries).
enum NeedleTime {
    /// The time in "HH:MM", or nil when `text` is not a time of day.
    static func normalise(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let hours: Substring, minutes: Substring
        switch parts.count {
        case 1 where (3...4).contains(text.count):
            hours = text.dropLast(2)
            minutes = text.suffix(2)
        case 2 where (1...2).contains(parts[0].count) && parts[1].count == 2:
            (hours, minutes) = (parts[0], parts[1])
        default:
            return nil
        }
        guard hours.allSatisfy(\.isASCII), minutes.allSatisfy(\.isASCII),
              let hour = Int(hours), let minute = Int(minutes), (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// Digits and one colon, at most five characters.
    static let mask = InputMask(maximumLength: 5) { character, _ in
        character.isASCII && (character.isNumber || character == ":") ? character : nil
    }
}
