import Foundation
import ReliefInterchange
import Testing

/// End to end: `relief estimate`, checked by hand.
@Suite struct EstimateCommandTests {
    /// The RULES.md section 4 bullet (1,000,000 at 4.35% due 2020-03-01), estimated.
    /// Schedule interest: 1,000,000 x 4.35% x 366 / 360 = 44,225.00. Deferral adds 14,620.83
    /// (121 days of ordinary interest) = 58,845.83. Overdue adds 21,931.25 + 969.91 = 67,126.16.
    /// Bridge 4 days: 1,000,000 x 0.08% x 4 = 3,200.00; private 1,000,000 x 0.3% x 4 = 12,000.00.
    @Test func optionsByHand() throws {
        let result = try ReliefProcess.run(["estimate", "--principal", "1000000", "--rate", "4.35%", "--start", "2019-03-01",
                                            "--months", "12", "--method", "bullet", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let options = try #require(object["options"] as? [[String: String]])
        func line(_ name: String) -> [String: String]? { options.first { $0["option"] == name } }
        #expect(options.map { $0["option"] ?? "" } == ["on_schedule", "deferral", "overdue_without_relief", "bridge_fund", "private_bridge"])
        #expect(line("on_schedule")?["interest_and_fees"] == "44225.00")
        #expect(line("on_schedule")?["saving_vs_overdue"] == "22901.16")
        #expect(line("deferral")?["interest_and_fees"] == "58845.83")
        #expect(line("deferral")?["saving_vs_overdue"] == "8280.33")
        #expect(line("overdue_without_relief")?["interest_and_fees"] == "67126.16")
        #expect(line("overdue_without_relief")?["saving_vs_overdue"] == "0.00")
        #expect(line("bridge_fund")?["interest_and_fees"] == "3200.00")
        #expect(line("private_bridge")?["interest_and_fees"] == "12000.00")
        // Advice is computed from the numbers, not canned.
        #expect(line("deferral")?["advice"]?.contains("8,280.33") == true)
        #expect(line("private_bridge")?["advice"]?.contains("3.8 times") == true)
        let other = try ReliefProcess.run(["estimate", "--principal", "1000000", "--rate", "4.35%", "--start", "2019-03-01", "--months", "12",
                                           "--method", "bullet", "--bridge-days", "10", "--private-daily-rate", "0.2%", "--format", "json"])
        let otherOptions = try #require((try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: Any])?["options"] as? [[String: String]])
        #expect(otherOptions.first { $0["option"] == "private_bridge" }?["interest_and_fees"] == "20000.00")
        #expect(otherOptions.first { $0["option"] == "private_bridge" }?["advice"]?.contains("2.5 times") == true)
    }

    @Test func htmlChartOfTheOptions() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try ReliefProcess.run(["estimate", "--principal", "1000000", "--rate", "4.35%", "--start", "2019-03-01", "--months", "12",
                                            "--method", "bullet", "--html", "estimate.html"], in: folder)
        #expect(result.status == 0)
        let census = try XMLElementCensus.count([UInt8](try Data(contentsOf: folder.appendingPathComponent("estimate.html"))))
        #expect(census["svg"] == 1)
        #expect(census["rect.bar"] == 5)
    }

    @Test func tableAndBadInput() throws {
        let table = try ReliefProcess.run(["estimate", "--principal", "500000", "--rate", "4%", "--start", "2020-08-01", "--months", "6"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("changes nothing for this loan"))
        #expect(try ReliefProcess.run(["estimate", "--principal", "500000", "--rate", "4%", "--start", "2020-08-01", "--months", "6",
                                       "--bridge-days", "16"]).status == 65)
    }
}
