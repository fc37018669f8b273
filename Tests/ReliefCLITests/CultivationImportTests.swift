import Foundation
import Testing

/// `relief import` recognises a cultivation list (enterprise columns with an identification
/// date or a loan-record flag) and registers its firms for first-loan cultivation, as
/// `relief firstloan enterprise import` does, instead of reading it as a plain enterprise list.
@Suite struct CultivationImportTests {
    static let list = """
        统一社会信用代码,企业名称,企业规模,县区,行业,有无贷款记录,识别日期
        91370800000000ACJT,济宁市圣源电子56号有限公司,微型,嘉祥县,制造业,无,2020-03-02
        91370800000000ACKX,济宁市东岳电子56号有限公司,小型,邹城市,批发零售,有,2020-03-03
        91370800000000ACL1,济宁市汇丰达电子56号有限公司,小型,梁山县,餐饮,无,2020-03-04

        """

    @Test func aCultivationListIsRegisteredForCultivation() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String], status: Int32 = 0) throws -> ReliefProcess.Result {
            try ReliefProcess.expect(arguments, in: folder, status: status)
        }
        func underCultivation(_ db: String) throws -> Int? {
            let report = try run(["firstloan", "report", "--from", "2020-03-01", "--to", "2020-06-30", "--db", db, "--format", "json"])
            let object = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
            return object?["under_cultivation"] as? Int
        }
        try Self.list.write(to: folder.appendingPathComponent("firms.csv"), atomically: true, encoding: .utf8)
        _ = try run(["init"])
        let first = try run(["import", "firms.csv", "--format", "json"]).stdout
        #expect(first.contains("\"imported\": 3") || first.contains("\"imported\":3"), "\(first)")
        #expect(try underCultivation("relief.sqlite") == 3)
        let again = try run(["import", "firms.csv", "--format", "json"]).stdout
        #expect(again.contains("\"duplicates\": 3") || again.contains("\"duplicates\":3"), "\(again)")

        // A bad date: located, nothing written.
        let bad = Self.list.replacingOccurrences(of: "2020-03-03", with: "2020-02-30")
        try bad.write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        _ = try run(["init", "--db", "other.sqlite"])
        let refused = try run(["import", "bad.csv", "--db", "other.sqlite"], status: 65)
        #expect(refused.stderr.contains("bad.csv:3") && refused.stderr.contains("identified_on"), "\(refused.stderr)")
        #expect(try underCultivation("other.sqlite") == 0)

        // Without the cultivation columns the same firms are a plain enterprise list.
        let plain = Self.list.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(4).joined(separator: ",") }
            .joined(separator: "\n") + "\n"
        try plain.write(to: folder.appendingPathComponent("plain.csv"), atomically: true, encoding: .utf8)
        _ = try run(["import", "plain.csv", "--db", "other.sqlite"])
        #expect(try underCultivation("other.sqlite") == 0)
    }
}
