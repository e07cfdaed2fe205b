import Foundation
import PluginAPI
import Testing

/// The document's time formats, both ways, and the strictness of parsing.
@Suite struct DocumentTimeTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .current
    /// 2023-07-04 05:00:00 UTC.
    let instant = Date(timeIntervalSince1970: 1_688_446_800)

    @Test func formatsTheDocumentsTimesInTheGivenZone() {
        #expect(DocumentTime.format(instant, timeZone: DocumentTime.utc) == "2023-07-04 05:00:00")
        #expect(DocumentTime.format(instant, timeZone: shanghai) == "2023-07-04 13:00:00")
        #expect(DocumentTime.format(instant.addingTimeInterval(0.999), timeZone: DocumentTime.utc) == "2023-07-04 05:00:00")
        #expect(DocumentTime.formatDay(instant, timeZone: shanghai) == "2023-07-04")
        #expect(DocumentTime.formatISO8601(instant) == "2023-07-04T05:00:00Z")
        #expect(DocumentTime.formatISO8601(instant) == ISO8601DateFormatter().string(from: instant))
        #expect(DocumentTime.formatCompact(instant) == "20230704050000")
        #expect(DocumentTime.format(Date(timeIntervalSince1970: 0), timeZone: DocumentTime.utc) == "1970-01-01 00:00:00")
    }

    @Test func instantsCarryMillisecondsAndReadBack() throws {
        let precise = instant.addingTimeInterval(0.25)
        #expect(DocumentTime.formatInstant(precise) == "2023-07-04T05:00:00.250Z")
        #expect(DocumentTime.formatInstant(instant) == "2023-07-04T05:00:00.000Z")
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        #expect(DocumentTime.formatInstant(precise) == formatter.string(from: precise))
        #expect(DocumentTime.parseInstant("2023-07-04T05:00:00.250Z") == precise)
        #expect(DocumentTime.parseInstant("2023-07-04T05:00:00Z") == nil)
        #expect(DocumentTime.parseInstant("2023-02-30T05:00:00.250Z") == nil)
    }

    @Test func parsesWhatItFormats() throws {
        #expect(DocumentTime.parse("2023-07-04 13:00:00", timeZone: shanghai) == instant)
        #expect(DocumentTime.parseDay("2023-07-04", timeZone: DocumentTime.utc) == Date(timeIntervalSince1970: 1_688_428_800))
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970).rounded(.down))
        #expect(DocumentTime.parse(DocumentTime.format(now)) == now)
    }

    @Test(arguments: ["2023-02-30 10:00:00", "2023-07-04 24:00:00", "2023-07-04 13:60:00", "2023-13-01 00:00:00",
                      "2023-7-4 13:00:00", "2023-07-04T13:00:00", " 2023-07-04 13:00:00", "2023-07-04 13:00:00 ",
                      "+023-07-04 13:00:00", "２０２３-07-04 13:00:00", "", "yesterday", "2023-07-04"])
    func refusesAnythingButAnExactRealTime(_ text: String) {
        #expect(DocumentTime.parse(text, timeZone: shanghai) == nil)
    }

    @Test(arguments: ["2023-02-29", "2024-02-30", "2023-00-10", "2023-1-01", "20230704", "2023-07-04 00:00:00", ""])
    func refusesAnythingButAnExactRealDay(_ text: String) {
        #expect(DocumentTime.parseDay(text) == nil)
    }

    @Test func acceptsALeapDay() {
        #expect(DocumentTime.parseDay("2024-02-29", timeZone: DocumentTime.utc) != nil)
    }
}
