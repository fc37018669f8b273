import Foundation
import Testing

/// Issue "Fuzzing every parser", finding 1: values the database's CHECKs refused (exit 70,
/// "internal database error") are refused first by the readers and the rules, at their line
/// and field, with exit 65 and nothing written.
@Suite struct CheckConstraintFindingsTests {
    static let header = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method,credit_line\n"

    func importing(_ csv: String) throws -> (result: ReliefProcess.Result, loans: String) {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        try Data(csv.utf8).write(to: folder.appendingPathComponent("loans.csv"))
        let result = try ReliefProcess.run(["import", "loans.csv"], in: folder)
        let loans = try ReliefProcess.expect(["loans", "list", "--format", "csv"], in: folder).stdout
        return (result, loans)
    }

    @Test func aCreditLineOfZeroIsRefusedAtItsLine() throws {
        let (result, loans) = try importing(Self.header
            + "L-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity,0.00\n")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr == "relief: error: loans.csv:2: credit_line: loan L-1: a credit line is more than 0.00, not 0.00\nrelief: error: 1 problem, nothing imported\n")
        #expect(loans.split(whereSeparator: \.isNewline).count == 1)  // the header alone
    }

    @Test func aNameOfOnlyANulByteIsRefusedAtItsLine() throws {
        let (result, loans) = try importing(Self.header
            + "L-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,\u{0},500000.00,4.35%,2019-10-15,12,annuity,\n"
            + "L-2,ab\u{0}cd,91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity,\n")
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("loans.csv:2: bank: loan L-1: the bank contains a control character"))
        #expect(result.stderr.contains("loans.csv:3: borrower: loan L-2: the borrower contains a control character"))
        #expect(loans.split(whereSeparator: \.isNewline).count == 1)
    }

    @Test func aNameLongerThanALoanBookHoldsIsRefused() throws {
        let name = String(repeating: "济", count: 201)
        let (result, _) = try importing(Self.header
            + "L-1,\(name),91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity,\n")
        #expect(result.status == 65)
        #expect(result.stderr.contains("loans.csv:2: borrower: loan L-1: the borrower has 201 characters; a name has at most 200"))
    }

    @Test func aRenewalCommitmentOfZeroIsRefusedByTheCommandAndTheRegister() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        _ = try ReliefProcess.expect(["bridge", "fund", "--amount", "1000000", "--date", "2020-03-01"], in: folder)
        let command = try ReliefProcess.run(["bridge", "advance", "--id", "A1", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行",
                                             "--amount", "1000", "--date", "2020-03-02", "--commitment", "0"], in: folder)
        #expect(command.status == 65, "\(command.stderr)")
        #expect(command.stderr == "relief: error: advance A1: a renewal commitment is more than 0.00, not 0.00\n")
        let register = "advance_id,credit_code,bank,county,amount,advance_date,commitment\nA2,91350100M000100Y43,济宁银行,任城区,1000.00,2020-03-02,0\n"
        try Data(register.utf8).write(to: folder.appendingPathComponent("register.csv"))
        let imported = try ReliefProcess.run(["import", "register.csv"], in: folder)
        #expect(imported.status == 65, "\(imported.stderr)")
        #expect(imported.stderr.contains("register.csv:2: commitment: advance A2: a renewal commitment is more than 0.00, not 0.00"))
        let listed = try ReliefProcess.expect(["bridge", "list", "--format", "csv"], in: folder).stdout
        #expect(listed.split(whereSeparator: \.isNewline).count == 1)
    }

    @Test func aStatementCurrencyThatIsNotACurrencyIsRefusedAtItsLine() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try ReliefProcess.expect(["init"], in: folder)
        let statement = "交易日期,摘要,收入金额,支出金额,余额,币种\n2020-03-02,还款,100.00,-,1000.00,CNYX\n2020-03-03,还款,100.00,-,1100.00,人民币\n"
        try Data(statement.utf8).write(to: folder.appendingPathComponent("statement.csv"))
        let result = try ReliefProcess.run(["reconcile", "statement.csv"], in: folder)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("statement.csv:2: currency: 'CNYX' is not a currency"))
    }
}
