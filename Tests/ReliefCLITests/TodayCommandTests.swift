import Foundation
import Testing

/// `RELIEF_TODAY` fixes the day every command takes as today (SPEC.md), so runs are reproducible.
@Suite struct TodayCommandTests {
    @Test func relieftodayIsTheDefaultDate() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String], today: String, status: Int32 = 0) throws -> ReliefProcess.Result {
            let result = try ReliefProcess.run(arguments, in: folder, environment: ["RELIEF_TODAY": today])
            #expect(result.status == status, "\(arguments): \(result.stderr)")
            return result
        }
        _ = try run(["init"], today: "2020-04-01")
        // Identified today (no --date): 2020-04-01.
        _ = try run(["firstloan", "enterprise", "add", "--code", FirstLoanCommandTests.firmA, "--name", "济宁市鲁兴机械有限公司",
                     "--size", "small", "--county", "任城区"], today: "2020-04-01")
        // The report's `to` defaults to today: on 03-31 the firm was not yet identified.
        let before = try run(["firstloan", "report", "--from", "2020-03-01", "--format", "json"], today: "2020-03-31")
        let on = try run(["firstloan", "report", "--from", "2020-03-01", "--format", "json"], today: "2020-04-01")
        #expect(try Self.count(before.stdout) == 0)
        #expect(try Self.count(on.stdout) == 1)
    }

    @Test func anInvalidRelieftodayIsAUsageError() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        let result = try ReliefProcess.run(["firstloan", "report", "--format", "json"], in: folder, environment: ["RELIEF_TODAY": "2020-02-30"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "relief: error: '2020-02-30' is not a valid date in RELIEF_TODAY: February 2020 has 29 days\n")
    }

    static func count(_ json: String) throws -> Int {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["under_cultivation"] as? Int)
    }
}
