import DonorCore
import Testing

/// `LocalDate.iso` is written by hand (no `String(format:)`); every field is zero-padded.
@Suite("LocalDate as text")
struct LocalDateTextTests {
    @Test(arguments: [
        (1, 1, 1, "0001-01-01"), (999, 12, 31, "0999-12-31"), (2026, 3, 7, "2026-03-07"),
        (2026, 11, 26, "2026-11-26"), (9999, 10, 10, "9999-10-10"),
    ])
    func aDateIsWrittenAsYearMonthDayPadded(year: Int, month: Int, day: Int, text: String) throws {
        let date = try #require(LocalDate(year: year, month: month, day: day))
        #expect(date.iso == text)
        #expect(date.description == text)
        #expect(LocalDate(iso: text) == date)
    }

    /// Read byte by byte: anything but four, two and two ASCII digits between two '-' is no
    /// date, nor is a day the calendar does not have.
    @Test(arguments: [
        "2026-1-07", "2026-01-7", "26-01-07", "2026/01/07", "2026-01-07 ", " 2026-01-07", "2026-01-0７",
        "２026-01-07", "2026-01-0\u{0301}7", "2026-13-01", "2026-02-29", "2026-00-10", "2026-01-00", "0000-01-01",
        "+026-01-07", "2026--1-07", "", "2026-01-07-",
    ])
    func anythingElseIsNoDate(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func aLeapDayIsADate() {
        #expect(LocalDate(iso: "2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
    }
}
