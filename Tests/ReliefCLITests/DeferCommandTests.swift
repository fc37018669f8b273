import Foundation
import Testing

/// End to end: `relief defer` (single loan), `extend`, `renew`, `programmes`.
@Suite struct DeferCommandTests {
    /// The bullet of RULES.md section 4: 1,000,000 at 4.35% due 2020-03-01, deferred 121 days.
    let bullet = ["defer", "--principal", "1000000", "--rate", "4.35%", "--start", "2019-03-01", "--months", "12", "--method", "bullet"]

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try ReliefProcess.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func jsonContractOnTheSection4Loan() throws {
        let object = try json(bullet)
        #expect(object["deferral_date"] as? String == "2020-06-30")
        #expect(object["deferred_principal"] as? String == "1000000.00")
        // 1,000,000 x 4.35% x 366 / 360 = 44,225.00 interest for the year 2019-03-01 .. 2020-03-01.
        #expect(object["deferred_interest"] as? String == "44225.00")
        #expect(object["interest_on_deferred_principal"] as? String == "14620.83")
        #expect(object["compound_on_deferred_interest"] as? String == "0.00")
        #expect(object["penalty_interest_without_relief"] as? String == "21931.25")
        // 44,225.00 x 4.35% x 1.5 x 121 / 360 = 969.909 -> 969.91.
        #expect(object["compound_interest_without_relief"] as? String == "969.91")
        // 21,931.25 + 969.91 - 14,620.83 = 8,280.33.
        #expect(object["relief"] as? String == "8280.33")
        let rows = try #require(object["installments"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["due_date"] as? String == "2020-06-30")
        #expect(rows[0]["deferred"] as? Bool == true)
        #expect(rows[0]["principal"] as? String == "1000000.00")
    }

    @Test func upliftDeferToAndCompoundOptions() throws {
        let at30 = try json(bullet + ["--penalty-uplift", "30%"])
        #expect(at30["penalty_interest_without_relief"] as? String == "19007.08")
        // To 2020-07-31: 152 days; 1,000,000 x 4.35% x 152 / 360 = 18,366.67.
        let later = try json(bullet + ["--defer-to", "2020-07-31"])
        #expect(later["deferral_date"] as? String == "2020-07-31")
        #expect(later["interest_on_deferred_principal"] as? String == "18366.67")
        // 44,225.00 x 4.35% x 121 / 360 = 646.606 -> 646.61.
        let compound = try json(bullet + ["--compound-deferred-interest"])
        #expect(compound["compound_on_deferred_interest"] as? String == "646.61")
        #expect(compound["relief"] as? String == "7633.72")
    }

    @Test func nothingInTheWindowSucceedsWithZeros() throws {
        let arguments = ["defer", "--principal", "100000", "--rate", "4%", "--start", "2020-07-01", "--months", "6"]
        let object = try json(arguments)
        for key in ["deferred_principal", "deferred_interest", "interest_on_deferred_principal", "relief"] {
            #expect(object[key] as? String == "0.00")
        }
        let table = try ReliefProcess.run(arguments)
        #expect(table.status == 0)
        #expect(table.stdout.contains("nothing to defer"))
    }

    @Test func windowOverrideAndTable() throws {
        let arguments = ["defer", "--principal", "120000", "--rate", "4.35%", "--start", "2019-12-24", "--months", "8",
                         "--from", "2020-03-01", "--until", "2020-04-30"]
        let object = try json(arguments)
        let rows = try #require(object["installments"] as? [[String: Any]])
        #expect(rows.compactMap { $0["deferred"] as? Bool } == [false, false, true, true, false, false, false, false])
        #expect(rows[2]["due_date"] as? String == "2020-06-30")
        let table = try ReliefProcess.run(arguments)
        #expect(table.stdout.contains("Relief: what the firm is spared"))
        #expect(table.stdout.contains("not overdue"))
        let csv = try ReliefProcess.run(arguments + ["--format", "csv"])
        #expect(csv.stdout.hasPrefix("period,due_date,days,principal,interest,payment,balance,deferred,original_due_date"))
    }

    @Test func programmeFileAndItsErrors() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("city.json")
        try Data(#"{"name":"city","from":"2020-02-01","until":"2020-04-30","deferral_date":"2020-05-31","penalty_uplift":"30%"}"#.utf8).write(to: good)
        let object = try json(bullet + ["--programme", good.path])
        #expect(object["programme"] as? String == "city")
        // 2020-03-01 to 2020-05-31: 91 days; 1,000,000 x 4.35% x 91 / 360 = 10,995.83.
        #expect(object["interest_on_deferred_principal"] as? String == "10995.83")
        let bad = folder.appendingPathComponent("bad.json")
        try Data(#"{"name":"x","from":"2020-02-30","until":"2020-04-30","penalty_uplift":"20%","colour":"red","sizes":["huge"]}"#.utf8).write(to: bad)
        let refused = try ReliefProcess.run(bullet + ["--programme", bad.path])
        #expect(refused.status == 65)
        for fragment in ["\"from\"", "February 2020 has 29 days", "\"penalty_uplift\"", "unknown field \"colour\"", "'huge'"] {
            #expect(refused.stderr.contains(fragment), "\(fragment) in \(refused.stderr)")
        }
        let halfScope = folder.appendingPathComponent("half.json")
        try Data(#"{"name":"q4","from":"2022-10-01","until":"2022-12-31","maturing_from":"2022-10-01"}"#.utf8).write(to: halfScope)
        let half = try ReliefProcess.run(bullet + ["--programme", halfScope.path])
        #expect(half.status == 65 && half.stderr.contains("\"maturing_from\" and \"maturing_until\" come together"), "\(half.stderr)")
        let backwards = folder.appendingPathComponent("backwards.json")
        try Data(#"{"name":"q4","from":"2022-10-01","until":"2022-12-31","maturing_from":"2022-12-31","maturing_until":"2022-10-01"}"#.utf8)
            .write(to: backwards)
        #expect(try ReliefProcess.run(bullet + ["--programme", backwards.path]).stderr.contains("\"maturing_from\" (2022-12-31) is after"))
        let missing = try ReliefProcess.run(bullet + ["--programme", folder.appendingPathComponent("none.json").path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("presets: 2020, 2020-06, 2021-04, 2022-11"))
    }

    @Test func badOverridesExit65Or64() throws {
        #expect(try ReliefProcess.run(bullet + ["--defer-to", "2020-06-29"]).status == 65)
        #expect(try ReliefProcess.run(bullet + ["--penalty-uplift", "101%"]).status == 65)
        #expect(try ReliefProcess.run(bullet + ["--defer-to", "2020-06-31"]).status == 64)
        // Part of a loan is a usage error; no loan at all means the portfolio, which needs a database.
        let partLoan = try ReliefProcess.run(["defer", "--principal", "1000"])
        #expect(partLoan.status == 64)
        #expect(partLoan.stderr.contains("missing --rate, --start, --months"))
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let noDatabase = try ReliefProcess.run(["defer"], in: folder)
        #expect(noDatabase.status == 66)
        #expect(noDatabase.stderr.contains("relief init"))
    }

    @Test func extendWithinAndPastTheCap() throws {
        let loan = ["extend", "--principal", "1200000", "--rate", "4.35%", "--start", "2020-01-15", "--months", "36"]
        let within = try ReliefProcess.run(loan + ["--to", "2024-07-15", "--format", "json"])
        #expect(within.status == 0, "\(within.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(within.stdout.utf8)) as? [String: Any])
        #expect(object["cap_months"] as? Int == 18)
        #expect(object["latest_maturity"] as? String == "2024-07-15")
        let rows = try #require(object["installments"] as? [[String: Any]])
        #expect(rows.last?["due_date"] as? String == "2024-07-15")
        #expect((object["totals"] as? [String: String])?["principal"] == "1200000.00")
        let past = try ReliefProcess.run(loan + ["--to", "2024-08-15"])
        #expect(past.status == 65)
        #expect(past.stderr.contains("at most 18 months"))
        #expect(past.stdout.isEmpty)
    }

    @Test func renewJSON() throws {
        let result = try ReliefProcess.run(["renew", "--principal", "1200000", "--rate", "3.6%", "--start", "2020-01-15", "--months", "12",
                                            "--method", "interest-only", "--on", "2020-07-01", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["principal_settled"] as? String == "1200000.00")
        // 2020-06-15 to 2020-07-01: 16 days x 1,200,000 x 3.6% / 360 = 1,920.00.
        #expect(object["accrued_interest_settled"] as? String == "1920.00")
    }

    @Test func programmesList() throws {
        let result = try ReliefProcess.run(["programmes", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("2020-06,2020-06-01,2020-12-31,2021-03-31,\"micro,small\",10000000.00,50%,,,"))
        #expect(result.stdout.contains("2022-11,2022-10-01,2022-12-31,2023-06-30,\"micro,small\",,50%,2022-10-01,2022-12-31,"))
    }
}
