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
}
