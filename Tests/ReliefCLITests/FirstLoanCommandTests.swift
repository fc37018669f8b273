import Foundation
import ReliefSamples
import Testing

/// End to end: `relief firstloan` on a register built with the CLI, the report's JSON keys
/// and values worked out by hand, and the exit codes of the contract.
@Suite struct FirstLoanCommandTests {
    // Valid codes whose check characters CreditCodeTests works out by hand.
    static let firmA = "91350100M000100Y43"
    static let firmB = "92350100MA2XY00001"
    static let firmC = "91440300708461136T"
    static let firmD = "91110000600037341L"

    /// The register of the report tests, built through the binary in `folder`:
    /// - A (small, 任城区) identified 03-02, C001 from 03-03; counselled 03-05, applied 03-20
    ///   (济宁银行), approved 04-01, disbursed 04-10; loan from 济宁银行 on 04-10, 1,000,000.
    /// - B (micro, 兖州区) identified 03-10, C002 from 03-10; counselled 03-12, declined 04-05.
    /// - C (medium, 任城区, credit report shows a loan record) identified 03-15; counselled
    ///   03-20; loan from 农商银行 on 04-20, 500,000.
    /// - D (small, 曲阜市) identified 02-01, withdrawn 02-15.
    /// - E (not cultivated, 曲阜市): loan from 农商银行 on 05-01, 300,000.
    func buildRegister(in folder: URL) throws {
        func run(_ arguments: [String]) throws {
            let result = try ReliefProcess.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try run(["init"])
        try run(["firstloan", "counsellor", "add", "--id", "C001", "--name", "张明"])
        try run(["firstloan", "counsellor", "add", "--id", "C002", "--name", "李华"])
        let firms = [(Self.firmA, "济宁市鲁兴机械有限公司", "small", "任城区", "2020-03-02"), (Self.firmB, "济宁市运河纺织有限公司", "micro", "兖州区", "2020-03-10"),
                     (Self.firmC, "曲阜市孔府食品有限公司", "medium", "任城区", "2020-03-15"), (Self.firmD, "邹城市矿山配件厂", "small", "曲阜市", "2020-02-01")]
        for (code, name, size, county, day) in firms {
            try run(["firstloan", "enterprise", "add", "--code", code, "--name", name, "--size", size, "--county", county, "--date", day]
                    + (code == Self.firmC ? ["--has-loan-record"] : []))
        }
        try run(["firstloan", "counsellor", "assign", "--id", "C001", "--code", Self.firmA, "--date", "2020-03-03"])
        try run(["firstloan", "counsellor", "assign", "--id", "C002", "--code", Self.firmB, "--date", "2020-03-10"])
        for (code, stage, day, bank) in [(Self.firmA, "counselled", "2020-03-05", nil), (Self.firmA, "applied", "2020-03-20", "济宁银行"),
                                         (Self.firmA, "approved", "2020-04-01", nil), (Self.firmA, "disbursed", "2020-04-10", "济宁银行"),
                                         (Self.firmB, "counselled", "2020-03-12", nil), (Self.firmB, "declined", "2020-04-05", "农商银行"),
                                         (Self.firmC, "counselled", "2020-03-20", nil), (Self.firmD, "withdrawn", "2020-02-15", nil)] {
            try run(["firstloan", "stage", "--code", code, "--to", stage, "--date", day] + (bank.map { ["--bank", $0] } ?? []))
        }
        let loan = ["--rate", "4.35%", "--months", "12", "--method", "bullet"]
        try run(["loans", "add", "--id", "LA", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", Self.firmA, "--size", "small", "--county", "任城区",
                 "--bank", "济宁银行", "--principal", "1000000", "--start", "2020-04-10"] + loan)
        try run(["loans", "add", "--id", "LC", "--borrower", "曲阜市孔府食品有限公司", "--credit-code", Self.firmC, "--size", "medium", "--county", "任城区",
                 "--bank", "农商银行", "--principal", "500000", "--start", "2020-04-20"] + loan)
        try run(["loans", "add", "--id", "LE", "--borrower", "微山县湖产品有限公司", "--credit-code", SamplePortfolio.creditCode(7).value, "--size", "micro",
                 "--county", "曲阜市", "--bank", "农商银行", "--principal", "300000", "--start", "2020-05-01"] + loan)
    }

    @Test func reportFromTheBinary() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try buildRegister(in: folder)
        let period = ["firstloan", "report", "--from", "2020-03-01", "--to", "2020-06-30"]
        let result = try ReliefProcess.run(period + ["--format", "json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // Under cultivation: A, B (declined 04-05, not before 03-01), C = 3; D withdrew on 02-15.
        #expect(object["under_cultivation"] as? Int == 3)
        // First loans: A's (1,000,000.00); C's loan is none (loan record). 1 / 3 = 0.3333.
        #expect(object["first_loan_borrowers"] as? Int == 1)
        #expect(object["first_loan_amount"] as? String == "1000000.00")
        #expect(object["first_loan_rate"] as? String == "0.3333")
        // New borrowers A, C, E = 3; first-loan borrowers among all firms A, E = 2: 0.6667.
        #expect(object["new_borrowers"] as? Int == 3)
        #expect(object["first_loan_share_of_new_borrowers"] as? String == "0.6667")
        #expect(object["first_loan_borrowers_all"] as? Int == 2)
        // A: 03-02 -> 04-02 = 31 days, + 8 to 04-10 = 39.
        #expect(object["median_days_to_first_loan"] as? String == "39.00")
        let funnel = try #require(object["funnel"] as? [[String: Any]])
        // identified A B C; counselled A B C; applied, approved, disbursed A; declined B.
        #expect(funnel.map { "\($0["stage"] ?? ""):\($0["reached"] ?? "")" }
                == ["identified:3", "counselled:3", "applied:1", "approved:1", "disbursed:1", "declined:1", "withdrawn:0"])
        #expect(funnel[2]["conversion"] as? String == "0.3333")

        // By county: 任城区 A, C: 2 cultivated, 1 first loan (0.5000), new A, C, first-loan A
        // (0.5000); 兖州区 B: 1, nothing (0.0000); 曲阜市: E, a new first-loan borrower not
        // cultivated (rate 0.0000 over 0, share 1 / 1).
        let byCounty = try ReliefProcess.run(period + ["--by", "county", "--format", "json"], in: folder)
        let counties = try #require((try JSONSerialization.jsonObject(with: Data(byCounty.stdout.utf8)) as? [String: Any])?["by_county"] as? [[String: Any]])
        #expect(counties.map { $0["county"] as? String } == ["任城区", "兖州区", "曲阜市"])
        #expect(counties.map { $0["under_cultivation"] as? Int } == [2, 1, 0])
        #expect(counties.map { $0["first_loan_rate"] as? String } == ["0.5000", "0.0000", "0.0000"])
        #expect(counties.map { $0["first_loan_share_of_new_borrowers"] as? String } == ["0.5000", "0.0000", "1.0000"])

        // By counsellor: A with C001 at its loan; B with C002; C and E with none.
        let byCounsellor = try ReliefProcess.run(period + ["--by", "counsellor", "--format", "json"], in: folder)
        let counsellors = try #require((try JSONSerialization.jsonObject(with: Data(byCounsellor.stdout.utf8)) as? [String: Any])?["by_counsellor"]
                                       as? [[String: Any]])
        #expect(counsellors.map { $0["counsellor"] as? String } == ["C001", "C002", nil])
        #expect(counsellors.map { $0["name"] as? String } == ["张明", "李华", nil])
        #expect(counsellors.map { $0["first_loan_rate"] as? String } == ["1.0000", "0.0000", "0.0000"])

        let csv = try ReliefProcess.run(period + ["--format", "csv"], in: folder)
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(lines.first?.hasPrefix("group,name,under_cultivation,first_loan_borrowers,first_loan_amount,first_loan_rate,") == true)
        #expect(lines.dropFirst().first == "all,,3,1,1000000.00,0.3333,3,0.6667,2,39.00,3,3,1,1,1,1,0")

        let table = try ReliefProcess.run(period + ["--by", "bank"], in: folder)
        #expect(table.status == 0)
        #expect(table.stdout.contains("1,000,000.00"))
        let list = try ReliefProcess.run(["firstloan", "enterprise", "list", "--format", "csv"], in: folder)
        #expect(list.stdout.contains("\(Self.firmA),济宁市鲁兴机械有限公司,small,任城区,,false,2020-03-02,disbursed,2020-04-10,C001,LA,济宁银行,2020-04-10,1000000.00"))
        #expect(list.stdout.contains("\(Self.firmC),曲阜市孔府食品有限公司,medium,任城区,,true,2020-03-15,counselled,2020-03-20,,,,,"))
    }

    /// A coordinator's sheet: a title line, Chinese headers in another order, a UTF-8 BOM, a
    /// quoted name with a comma, blank optional cells; then an English sheet with mistakes.
    @Test func importFromCSV() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments, in: folder) }
        #expect(try run(["init"]).status == 0)
        let chinese = "\u{FEFF}济宁市首贷培植企业名单（2020年3月）\r\n"
            + "企业名称,统一社会信用代码,县区,企业规模,行业,有无贷款记录,识别日期\r\n"
            + "\"济宁市鲁兴机械有限公司,任城分公司\",\(Self.firmA),任城区,小型,机械制造,无,2020-03-02\r\n"
            + "济宁市运河纺织有限公司,\(Self.firmB),兖州区,微型,,有,\r\n"
            + "\r\n"
        try Data(chinese.utf8).write(to: folder.appendingPathComponent("firms.csv"))
        let imported = try run(["firstloan", "enterprise", "import", "firms.csv", "--date", "2020-03-10", "--format", "json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        // Two firms; the title line and the blank line are skipped.
        #expect(summary["imported"] as? Int == 2)
        #expect(summary["duplicates"] as? Int == 0)
        #expect(summary["skipped"] as? Int == 2)
        let list = try run(["firstloan", "enterprise", "list", "--format", "csv"])
        #expect(list.stdout.contains("\(Self.firmA),\"济宁市鲁兴机械有限公司,任城分公司\",small,任城区,机械制造,false,2020-03-02,identified"))
        // B's blank date took --date; 有 = the credit report shows a loan record.
        #expect(list.stdout.contains("\(Self.firmB),济宁市运河纺织有限公司,micro,兖州区,,true,2020-03-10,identified"))
        let again = try run(["firstloan", "enterprise", "import", "firms.csv", "--date", "2020-03-10", "--format", "json"])
        #expect((try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["duplicates"] as? Int == 2)

        let english = "credit_code,name,size,county,identified_on\n"
            + "\(Self.firmC),曲阜市孔府食品有限公司,medium,曲阜市,2020-03-15\n"
            + "91350100m000100Y43,lower case,small,任城区,2020-03-15\n"
            + "\(Self.firmD),邹城市矿山配件厂,huge,邹城市,2020-02-30\n"
            + "\(Self.firmA),别的名字,small,任城区,2020-03-02\n"
        try Data(english.utf8).write(to: folder.appendingPathComponent("bad.csv"))
        let refused = try run(["firstloan", "enterprise", "import", "bad.csv", "--format", "json"])
        #expect(refused.status == 65)
        let problems = try #require((try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any])?["problems"] as? [[String: Any]])
        // Line 3: the code; line 4: the size and the date (both reported).
        #expect(problems.map { "\($0["line"] ?? ""):\($0["field"] ?? "")" } == ["3:credit_code", "4:size", "4:identified_on"])
        #expect(refused.stderr.contains("character 9 'm' is lower case"))
        // Nothing of the file was written, not even its valid first row.
        #expect(!(try run(["firstloan", "enterprise", "list", "--format", "csv"]).stdout.contains(Self.firmC)))
        // Only the conflicting row left: found when registering, still nothing written.
        try Data(("credit_code,name,size,county,identified_on\n\(Self.firmC),曲阜市孔府食品有限公司,medium,曲阜市,2020-03-15\n"
                  + "\(Self.firmA),别的名字,small,任城区,2020-03-02\n").utf8).write(to: folder.appendingPathComponent("conflict.csv"))
        let conflict = try run(["firstloan", "enterprise", "import", "conflict.csv"])
        #expect(conflict.status == 65)
        #expect(conflict.stderr.contains("conflict.csv:3: credit_code: enterprise \(Self.firmA) is already under cultivation since 2020-03-02"))
        #expect(!(try run(["firstloan", "enterprise", "list", "--format", "csv"]).stdout.contains(Self.firmC)))
        #expect(try run(["firstloan", "enterprise", "import", "missing.csv"]).status == 66)
    }

    @Test func refusalsAndExitCodes() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments, in: folder) }
        // No database yet: 66, with the hint.
        let missing = try run(["firstloan", "report", "--to", "2020-06-30"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("relief init"))
        #expect(try run(["firstloan", "enterprise", "add", "--code", Self.firmA, "--name", "x", "--size", "small", "--county", "任城区",
                         "--date", "2020-03-02", "--db", "elsewhere.sqlite"]).status == 66)
        #expect(try run(["init"]).status == 0)
        // Each kind of invalid credit code: 65, naming what is wrong.
        for (code, fragment) in [("91350100m000100Y43", "character 9 'm' is lower case"),
                                 ("91350100M000100Y4", "has 18 characters, this one has 17"),
                                 ("91350100O000100Y43", "character 9 'O' is not used in credit codes"),
                                 ("91350100M000100Y4X", "the check character is 'X' but the first 17 characters require '3'")] {
            let result = try run(["firstloan", "enterprise", "add", "--code", code, "--name", "济宁市鲁兴机械有限公司", "--size", "small",
                                  "--county", "任城区", "--date", "2020-03-02"])
            #expect(result.status == 65, "\(code)")
            #expect(result.stderr.contains(fragment), "\(code): \(result.stderr)")
        }
        let add = ["firstloan", "enterprise", "add", "--code", Self.firmA, "--name", "济宁市鲁兴机械有限公司", "--size", "small", "--county", "任城区",
                   "--date", "2020-03-02"]
        #expect(try run(add).status == 0)
        let again = try run(add)
        #expect(again.status == 0)
        #expect(again.stderr.contains("duplicate"))
        #expect(try run(["firstloan", "stage", "--code", Self.firmA, "--to", "approved", "--date", "2020-03-10"]).status == 0)
        // Backwards, back-dated, unknown stage, unknown enterprise, after a closed stage.
        let backwards = try run(["firstloan", "stage", "--code", Self.firmA, "--to", "counselled", "--date", "2020-03-11"])
        #expect(backwards.status == 65)
        #expect(backwards.stderr.contains("approved -> counselled goes backwards"))
        let early = try run(["firstloan", "stage", "--code", Self.firmA, "--to", "disbursed", "--date", "2020-03-09"])
        #expect(early.status == 65)
        #expect(early.stderr.contains("before the previous one (approved on 2020-03-10)"))
        #expect(try run(["firstloan", "stage", "--code", Self.firmA, "--to", "granted", "--date", "2020-03-12"]).status == 64)
        #expect(try run(["firstloan", "stage", "--code", Self.firmB, "--to", "applied", "--date", "2020-03-12"]).status == 65)
        let disbursed = try run(["firstloan", "stage", "--code", Self.firmA, "--to", "disbursed", "--date", "2020-03-20"])
        #expect(disbursed.status == 0)
        #expect(disbursed.stderr.contains("no loan to \(Self.firmA) is booked in the ledger"))
        let closed = try run(["firstloan", "stage", "--code", Self.firmA, "--to", "withdrawn", "--date", "2020-03-21"])
        #expect(closed.status == 65)
        #expect(closed.stderr.contains("closed as disbursed on 2020-03-20"))
        // Counsellors: unknown, then a name conflict.
        #expect(try run(["firstloan", "counsellor", "assign", "--id", "C9", "--code", Self.firmA, "--date", "2020-03-05"]).status == 65)
        #expect(try run(["firstloan", "counsellor", "add", "--id", "C1", "--name", "张明"]).status == 0)
        #expect(try run(["firstloan", "counsellor", "add", "--id", "C1", "--name", "张三"]).status == 65)
        #expect(try run(["firstloan", "report", "--from", "2020-04-01", "--to", "2020-03-01"]).status == 65)
        #expect(try run(["firstloan", "report", "--to", "2020-06-30", "--by", "branch"]).status == 64)
        // An empty period: every ratio "0.0000".
        let empty = try run(["firstloan", "report", "--from", "2019-01-01", "--to", "2019-01-31", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [String: Any])
        #expect(object["first_loan_rate"] as? String == "0.0000")
        #expect(object["first_loan_share_of_new_borrowers"] as? String == "0.0000")
        #expect(object["median_days_to_first_loan"] is NSNull)
    }

    /// A first loan booked with `relief loans add` and no stage moves recorded: the firm is a
    /// first-loan borrower and the funnel has it at `disbursed` and every stage before (SPEC).
    @Test func aBookedFirstLoanReachesDisbursedInTheFunnel() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = ReliefProcess.In(folder)
        try run(["init"])
        try run(["firstloan", "enterprise", "add", "--code", Self.firmA, "--name", "济宁市鲁兴机械有限公司", "--size", "small",
                 "--county", "任城区", "--date", "2020-03-02"])
        try run(["loans", "add", "--id", "LA", "--borrower", "济宁市鲁兴机械有限公司", "--credit-code", Self.firmA, "--size", "small",
                 "--county", "任城区", "--bank", "济宁银行", "--principal", "1000000", "--start", "2020-04-10",
                 "--rate", "4.35%", "--months", "12", "--method", "bullet"])
        let result = try run(["firstloan", "report", "--from", "2020-03-01", "--to", "2020-06-30", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["first_loan_borrowers"] as? Int == 1)
        let funnel = try #require(object["funnel"] as? [[String: Any]])
        #expect(funnel.map { "\($0["stage"] ?? ""):\($0["reached"] ?? "")" }
                == ["identified:1", "counselled:1", "applied:1", "approved:1", "disbursed:1", "declined:0", "withdrawn:0"])
        // The day before the loan it has reached `identified` only.
        let before = try run(["firstloan", "report", "--from", "2020-03-01", "--to", "2020-04-09", "--format", "json"])
        let early = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        #expect((early["funnel"] as? [[String: Any]])?.map { "\($0["reached"] ?? "")" } == ["1", "0", "0", "0", "0", "0", "0"])
    }
}
