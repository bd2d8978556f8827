import Foundation
import KioskTestSupport
import Testing

/// `kiosk id` run as a person or a script would run it: the real binary, its exit code and
/// its exact JSON fields.
@Suite("kiosk id")
struct IDCommandTests {
    /// Runs `kiosk id` with `arguments` and decodes its standard output as one JSON object.
    private func runJSON(_ arguments: [String]) throws -> (status: Int32, object: [String: Any]) {
        let run = try ProductBinary.run("kiosk", ["id"] + arguments + ["--json"])
        let data = Data(run.stdout.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any],
                                  "stdout was: \(run.stdout) stderr: \(run.stderr)")
        return (run.status, object)
    }

    @Test("A valid resident ID exits 0 with every JSON field")
    func validResidentIDJSON() throws {
        let (status, object) = try runJSON(["34052419800101001x", "--on", "2026-06-01"])
        #expect(status == 0)
        #expect(object["valid"] as? Bool == true)
        #expect(object["normalized"] as? String == "34052419800101001X")
        #expect(object["document_type"] as? String == "resident_id")
        #expect(object["birth_date"] as? String == "1980-01-01")
        #expect(object["sex"] as? String == "male")
        #expect(object["masked"] as? String == "3405**********001X")
        #expect(object["upgraded_from_15"] as? Bool == false)
        #expect(Set(object.keys) == ["valid", "normalized", "document_type", "birth_date", "sex",
                                     "masked", "upgraded_from_15"])
    }

    @Test("The JSON is one line with sorted keys")
    func jsonIsStable() throws {
        let run = try ProductBinary.run("kiosk", ["id", "34052419800101001X", "--json"])
        #expect(run.stdout == """
            {"birth_date":"1980-01-01","document_type":"resident_id","masked":"3405**********001X",\
            "normalized":"34052419800101001X","sex":"male","upgraded_from_15":false,"valid":true}

            """)
    }

    @Test("A wrong check character exits 1 naming the expected character")
    func wrongCheckCharacterJSON() throws {
        let (status, object) = try runJSON(["340524198001010013", "--lang", "en"])
        #expect(status == 1)
        #expect(object["valid"] as? Bool == false)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "wrong_check_character")
        #expect(error["expected"] as? String == "X")
        #expect(error["found"] as? String == "3")
        let message = try #require(error["message"] as? String)
        #expect(message.contains("should be X, not 3"))
        #expect(!message.contains("340524198001010013"))
    }

    @Test("Messages are Chinese by default")
    func chineseByDefault() throws {
        let (_, object) = try runJSON(["340524198001010013"])
        let error = try #require(object["error"] as? [String: Any])
        #expect((error["message"] as? String)?.contains("最后一位应为 X，而不是 3") == true)
    }

    @Test("A legacy 15-digit number is upgraded and flagged")
    func legacyUpgradeJSON() throws {
        let (status, object) = try runJSON(["340524800101001"])
        #expect(status == 0)
        #expect(object["normalized"] as? String == "34052419800101001X")
        #expect(object["upgraded_from_15"] as? Bool == true)
    }

    @Test("--on sets today: a birth date after it is in the future")
    func onSetsToday() throws {
        let (status, object) = try runJSON(["34052419800101001X", "--on", "1979-12-31"])
        #expect(status == 1)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "birth_date_in_future")
        #expect(error["birth_date"] as? String == "1980-01-01")
        #expect(error["today"] as? String == "1979-12-31")
        let (laterStatus, _) = try runJSON(["34052419800101001X", "--on", "1980-01-01"])
        #expect(laterStatus == 0)
    }

    @Test("Each rejection exits 1 with its code and detail fields", arguments: [
        ("3405241980010100", "wrong_length", "got", "16"),
        ("340524198O0101001X", "illegal_character", "position", "10"),
        ("340524198O0101001X", "illegal_character", "character", "O"),
        ("340524198002300019", "impossible_date", "date", "19800230"),
        ("59010119800101001X", "unknown_address_code", "prefix", "59"),
    ])
    func rejectionJSON(number: String, code: String, field: String, value: String) throws {
        let (status, object) = try runJSON([number])
        #expect(status == 1)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == code)
        #expect("\(error[field] ?? "missing")" == value)
    }

    @Test("A passport is checked as free text; birth date and sex are null")
    func passportJSON() throws {
        let (status, object) = try runJSON(["e1234 5678", "--type", "passport"])
        #expect(status == 0)
        #expect(object["normalized"] as? String == "E12345678")
        #expect(object["document_type"] as? String == "passport")
        #expect(object["masked"] as? String == "E1*****78")
        #expect(object["birth_date"] is NSNull)
        #expect(object["sex"] is NSNull)
    }

    @Test("A too-short passport number exits 1")
    func passportTooShort() throws {
        let (status, object) = try runJSON(["E123", "--type", "other"])
        #expect(status == 1)
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["code"] as? String == "length_out_of_range")
        #expect(error["got"] as? Int == 4)
    }

    @Test("Human output in Chinese by default, English with --lang en")
    func humanOutput() throws {
        let chinese = try ProductBinary.run("kiosk", ["id", "11010519491231002X"])
        #expect(chinese.status == 0)
        #expect(chinese.stdout == """
            ✓ 有效
            号码：11010519491231002X
            证件类型：居民身份证
            出生日期：1949-12-31
            性别：女
            脱敏显示：1101**********002X

            """)
        let english = try ProductBinary.run("kiosk", ["id", "830000199001010039", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.stdout.contains("Document type: Taiwan residence permit"))
        #expect(english.stdout.contains("Masked: 8300**********0039"))
    }

    @Test("Human output of a rejection says why and does not repeat the number")
    func humanRejection() throws {
        let run = try ProductBinary.run("kiosk", ["id", "340524198001010013", "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("✗ Invalid: Wrong check character: the last character should be X, not 3."))
        #expect(!run.stdout.contains("340524198001010013"))
    }

    @Test("An --on that is not a date is a usage error")
    func badOnDate() throws {
        let run = try ProductBinary.run("kiosk", ["id", "34052419800101001X", "--on", "2026-02-30"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--on"))
    }
}
