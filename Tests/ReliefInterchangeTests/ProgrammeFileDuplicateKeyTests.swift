import Foundation
import ReliefInterchange
import Testing

/// Issue "Fuzzing every parser", finding 4: a programme file with a key given twice is
/// refused (JSON readers keep the last value without a word), naming the key and its lines.
@Suite struct ProgrammeFileDuplicateKeyTests {
    @Test func aKeyGivenTwiceIsRefusedWithItsLines() {
        let text = "{\"name\": \"p\", \"from\": \"2020-01-25\",\n \"until\": \"2020-06-30\",\n \"from\": \"2020-02-01\"}"
        #expect(throws: ProgrammeFile.Problem.self) { try ProgrammeFile.parse(Data(text.utf8), path: "p.json") }
        do {
            _ = try ProgrammeFile.parse(Data(text.utf8), path: "p.json")
        } catch {
            #expect("\(error)" == "p.json: invalid programme:\n  field \"from\" is given 2 times (lines 1, 3)")
        }
    }

    @Test func nestedAndEscapedKeysAreNotTheTopLevelsKeys() throws {
        // "sizes" holds strings equal to keys, a name holds an escaped quote: neither is a key.
        let text = "{\"name\": \"a \\\"from\\\" b\", \"from\": \"2020-01-25\", \"until\": \"2020-06-30\", \"sizes\": [\"small\", \"small\"]}"
        let programme = try ProgrammeFile.parse(Data(text.utf8), path: "p.json")
        #expect(programme.name == "a \"from\" b")
    }

    @Test func malformedJSONSaysWhereAndWhyNotOnlyThatItIsMalformed() {
        // Foundation's own wording was "The operation could not be completed. The data is not in
        // the correct format." for each of these.
        let cases = [("{\"name\": x}", "p.json: not valid JSON (Invalid value around character 9)"),
                     (String(repeating: "[", count: 32_000) + String(repeating: "]", count: 32_000),
                      "p.json: not valid JSON (Too many nested arrays or dictionaries around character 513)")]
        for (text, message) in cases {
            #expect(throws: ProgrammeFile.Problem.self) { try ProgrammeFile.parse(Data(text.utf8), path: "p.json") }
            do { _ = try ProgrammeFile.parse(Data(text.utf8), path: "p.json") } catch { #expect("\(error)" == message) }
        }
    }
}
