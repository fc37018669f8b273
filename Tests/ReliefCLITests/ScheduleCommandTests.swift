import Foundation
import Testing

/// End to end: the built `relief schedule` in each format and with each bad input.
@Suite struct ScheduleCommandTests {
    let loan = ["schedule", "--principal", "1000000", "--rate", "4.90%", "--start", "2020-01-15", "--months", "240"]

    @Test func csvContract() throws {
        let result = try ReliefProcess.run(loan + ["--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.first == "period,due_date,days,principal,interest,payment,balance")
        #expect(lines.count == 241)
        // RULES.md section 2: month 1 interest 4,083.33, principal 2,461.11, payment 6,544.44;
        // 1,000,000 - 2,461.11 = 997,538.89 left; 2020-01-15 to 2020-02-15 is 31 days.
        #expect(lines[1] == "1,2020-02-15,31,2461.11,4083.33,6544.44,997538.89")
        #expect(lines.last?.hasPrefix("240,2040-01-15,") == true)
        #expect(lines.last?.hasSuffix(",0.00") == true)
    }

    @Test func jsonContract() throws {
        let result = try ReliefProcess.run(loan + ["--format", "json"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["installments"] as? [[String: Any]])
        #expect(rows.count == 240)
        #expect(rows[0]["period"] as? Int == 1)
        #expect(rows[0]["due_date"] as? String == "2020-02-15")
        #expect(rows[0]["days"] as? Int == 31)
        #expect(rows[0]["principal"] as? String == "2461.11")
        #expect(rows[0]["interest"] as? String == "4083.33")
        #expect(rows[0]["payment"] as? String == "6544.44")
        #expect(rows[0]["balance"] as? String == "997538.89")
        let totals = try #require(object["totals"] as? [String: String])
        #expect(totals["principal"] == "1000000.00")
        // Amounts are strings with two decimals, never numbers.
        let interest = try #require(totals["interest"])
        let payment = try #require(totals["payment"])
        #expect(interest.split(separator: ".").last?.count == 2)
        #expect(payment.split(separator: ".").last?.count == 2)
    }

    @Test func tableIsReadable() throws {
        let result = try ReliefProcess.run(loan)
        #expect(result.status == 0)
        #expect(result.stdout.contains("等额本息"))
        #expect(result.stdout.contains("6,544.44"))
        #expect(result.stdout.contains("Total"))
    }

    @Test func chineseMethodNamesAndQuarterlySettlement() throws {
        let result = try ReliefProcess.run(["schedule", "--principal", "¥1,000,000.00", "--rate", "0.036", "--start", "2020-01-15",
                                            "--months", "12", "--method", "先息后本", "--settlement", "quarterly", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let days = result.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[2] }
        #expect(days == ["66", "92", "92", "91", "25"])
    }

    /// Exit 64: values that do not parse; 65: well-formed values outside their limits.
    @Test(arguments: [
        (["--start", "2020-02-30"], Int32(64), "February 2020 has 29 days"),
        (["--principal", "12.345"], 64, "more than two decimals"),
        (["--principal", "abc"], 64, "not a valid amount"),
        (["--rate", "abc"], 64, "not a valid rate"),
        (["--months", "twelve"], 64, "whole number"),
        (["--method", "balloon"], 64, "repayment method"),
        (["--day-count", "30/365"], 64, "day count"),
        (["--rate", "36.01%"], 65, "outside 0% to 36%"),
        (["--months", "601"], 65, "outside 1 to 600 months"),
        (["--months", "0"], 65, "outside 1 to 600 months"),
        (["--principal", "0"], 65, "outside 0.01"),
        (["--principal", "10,000,000,000.01"], 65, "outside 0.01"),
        (["--settlement", "quarterly"], 65, "quarterly settlement applies to interest-only"),
    ])
    func badInput(_ override: [String], _ status: Int32, _ message: String) throws {
        var arguments = ["schedule", "--principal", "1000", "--rate", "4%", "--start", "2020-01-15", "--months", "12"]
        arguments += override  // the later value of a repeated option wins
        let result = try ReliefProcess.run(arguments)
        #expect(result.status == status, "\(override): \(result.stderr)")
        #expect(result.stderr.hasPrefix("relief: error: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func negativeAmortizationExits65() throws {
        let result = try ReliefProcess.run(["schedule", "--principal", "1000000", "--rate", "30%", "--start", "2020-01-15",
                                            "--months", "600", "--day-count", "act/360"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("negative amortization"))
        #expect(result.stdout.isEmpty)
    }

    @Test func missingOptionAndUnknownCommand() throws {
        let missing = try ReliefProcess.run(["schedule", "--principal", "1000"])
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("relief: error: "))
        let unknown = try ReliefProcess.run(["frobnicate"])
        #expect(unknown.status == 64)
    }

    @Test func helpTeaches() throws {
        let help = try ReliefProcess.run(["schedule", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--day-count"))
        #expect(help.stdout.contains("等额本息"))
        #expect(help.stdout.contains("Examples"))
    }
}
