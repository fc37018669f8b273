import Foundation
import Testing

/// End to end: `relief bridge` quotes and a register built with the CLI.
@Suite struct BridgeCommandTests {
    @Test func quoteFormatsAndExitCodes() throws {
        let quote = ["bridge", "quote", "--amount", "5000000", "--from", "2020-03-02", "--to", "2020-03-12"]
        let json = try ReliefProcess.run(quote + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["days"] as? Int == 10)
        #expect(object["daily_rate"] as? String == "0.0008")
        #expect(object["fee"] as? String == "40000.00")
        // 5,000,000 x 0.3% x 10 = 150,000.00 of private money.
        #expect(object["fee_private"] as? String == "150000.00")
        let csv = try ReliefProcess.run(quote + ["--format", "csv"])
        #expect(csv.stdout.split(separator: "\r\n").last == "5000000.00,2020-03-02,2020-03-12,10,0.0008,40000.00,50000.00,150000.00,0.0008,daily_rate,")
        #expect(object["daily_rate_cap"] as? String == "0.0008")
        #expect(object["fee_basis"] as? String == "daily_rate")
        // Tiers: 5 days at 0.02% and 2 at 0.04% of 5,000,000.00 = 5,000.00 + 4,000.00; no single
        // daily rate applies, so daily_rate is null and the cap is named as the cap.
        let tiered = try ReliefProcess.run(quote + ["--tiers", "5:0.02%,*:0.04%", "--to", "2020-03-09", "--format", "json"])
        let tieredObject = try #require(try JSONSerialization.jsonObject(with: Data(tiered.stdout.utf8)) as? [String: Any])
        #expect(tieredObject["fee"] as? String == "9000.00")
        #expect(tieredObject["daily_rate"] is NSNull)
        #expect(tieredObject["daily_rate_cap"] as? String == "0.0008")
        #expect(tieredObject["fee_basis"] as? String == "tiers")
        #expect(tieredObject["tiers"] as? String == "5:0.02%,*:0.04%")
        let tieredCSV = try ReliefProcess.run(quote + ["--tiers", "5:0.02%,*:0.04%", "--to", "2020-03-09", "--format", "csv"])
        #expect(tieredCSV.stdout.split(separator: "\r\n").last == #"5000000.00,2020-03-02,2020-03-09,7,,9000.00,35000.00,105000.00,0.0008,tiers,"5:0.02%,*:0.04%""#)
        let table = try ReliefProcess.run(quote)
        #expect(table.stdout.contains("40,000.00"))
        for (extra, status) in [(["--to", "2020-03-18"], Int32(65)), (["--daily-rate", "0.0801%"], 65), (["--to", "2020-03-01"], 65),
                                (["--commitment", "5000000", "--commitment-share", "95%"], 65), (["--to", "2020-03-32"], 64),
                                (["--tiers", "5:0.02%,*:0.04%", "--to", "2020-03-09"], 0)] {
            let result = try ReliefProcess.run(quote + extra)
            #expect(result.status == status, "\(extra): \(result.stderr)")
        }
    }

    @Test func registerBuiltWithTheCLIAndItsReport() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments, in: folder) }
        #expect(try run(["init"]).status == 0)
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01", "--account", "37001234567"]).status == 0)
        let first = ["bridge", "advance", "--id", "A", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "6000000",
                     "--date", "2020-03-02", "--county", "任城区"]
        #expect(try run(first).status == 0)
        #expect(try run(first).stderr.contains("duplicate"))
        let second = ["bridge", "advance", "--id", "B", "--enterprise", "91350100M000100Y43", "--bank", "农商银行", "--amount", "6000000",
                      "--date", "2020-03-21", "--county", "兖州区"]
        let refused = try run(second)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("below zero"))
        let late = try run(["bridge", "repay", "--id", "A", "--date", "2020-03-20"])
        #expect(late.status == 0)
        #expect(late.stderr.contains("3 days over the maximum"))
        #expect(try run(second).status == 0)
        #expect(try run(["bridge", "advance", "--id", "C", "--enterprise", "91350100M000100Y4X", "--bank", "b", "--amount", "1",
                         "--date", "2020-03-22"]).status == 65)
        let report = try run(["bridge", "report", "--to", "2020-04-10", "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(object["capital"] as? String == "10000000.00")
        #expect(object["outstanding"] as? String == "6000000.00")
        // Fee: 6,000,000 x 0.08% x 18 = 86,400.00; cash 10,000,000 - 6,000,000 + 86,400.
        #expect(object["fee_income"] as? String == "86400.00")
        #expect(object["balance"] as? String == "4086400.00")
        #expect(object["advances"] as? Int == 2)
        #expect(object["average_days"] as? String == "18.00")
        #expect(object["utilisation"] as? String == "0.5707")
        #expect(object["turnover"] as? String == "1.2000")
        let breaches = try #require(object["breaches"] as? [[String: Any]])
        #expect(breaches.map { "\($0["id"] ?? ""):\($0["days_over"] ?? "")" } == ["A:3", "B:5"])
        #expect((object["by_bank"] as? [[String: Any]])?.count == 2)
        // The CSV's fund row carries the same figures as the JSON; bank and county rows leave them empty.
        let csv = try run(["bridge", "report", "--to", "2020-04-10", "--format", "csv"]).stdout.split(separator: "\r\n")
        #expect(csv.first == "group,name,advances,advanced_total,fee_income,outstanding,from,to,capital,balance,average_days,utilisation,turnover,breaches")
        #expect(csv.dropFirst().first == "fund,,2,12000000.00,86400.00,6000000.00,2020-03-01,2020-04-10,10000000.00,4086400.00,18.00,0.5707,1.2000,2")
        #expect(csv.dropFirst(2).first?.hasSuffix(",,,,,,,,") == true)
        #expect(try run(["ledger", "check"]).status == 0)
        // A period ending before the fund's first movement is empty, not an error.
        let early = try run(["bridge", "report", "--to", "2020-02-01", "--format", "json"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stdout.contains("\"advances\": 0"))
        let terms = try run(["bridge", "terms", "--tiers", "5:0.02%,*:0.04%", "--format", "json"])
        #expect(terms.stdout.contains("5:0.02%,*:0.04%"))
        #expect(try run(["bridge", "terms", "--rate-cap", "2%"]).status == 65)
    }
}
