import Foundation
import ReliefInterchange
import Testing

/// `relief report --html`: well-formed XHTML (checked with libxml2's XML parser), each chart
/// as inline SVG with a bar per group and a point per day, the tables' figures.
@Suite struct ReportCommandTests {
    @Test func htmlReportOfARegisterBuiltWithTheCLI() throws {
        let folder = try ReliefProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func run(_ arguments: [String]) throws -> ReliefProcess.Result { try ReliefProcess.run(arguments, in: folder) }
        #expect(try run(["init"]).status == 0)
        for (id, code, bank) in [("L1", "91350100M000100Y43", "济宁银行"), ("L2", "913708000000000011", "农商银行")] {
            #expect(try run(["loans", "add", "--id", id, "--borrower", "企业\(id)", "--credit-code", code, "--size", "small", "--county", "任城区",
                             "--bank", bank, "--principal", "1000000", "--rate", "4.35%", "--start", "2019-03-01", "--months", "12",
                             "--method", "bullet", "--applied", "2020-02-10"]).status == 0)
        }
        #expect(try run(["defer"]).status == 0)
        #expect(try run(["bridge", "fund", "--amount", "10000000", "--date", "2020-03-01"]).status == 0)
        #expect(try run(["bridge", "advance", "--id", "A", "--enterprise", "91350100M000100Y43", "--bank", "济宁银行", "--amount", "6000000",
                         "--date", "2020-03-02"]).status == 0)
        #expect(try run(["bridge", "repay", "--id", "A", "--date", "2020-03-06"]).status == 0)
        #expect(try run(["firstloan", "enterprise", "add", "--code", "91350100M000100Y56", "--name", "新企业", "--size", "micro",
                         "--county", "任城区", "--date", "2020-03-02"]).status == 0)
        let written = try run(["report", "--html", "report.html", "--from", "2020-03-01", "--to", "2020-03-31"])
        #expect(written.status == 0, "\(written.stderr)")
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("report.html")))
        let census = try XMLElementCensus.count(bytes)
        #expect(census["svg"] == 5)
        // Relief by bank: two banks; by month: both bullets' first deferred row is 2020-03-01;
        // the funnel: one bar per pipeline stage (5).
        #expect(census["rect.bar"] == 3 + 5)
        // Fund cash and outstanding for each of the 31 days, and the deferred principal's one date.
        #expect(census["circle.point"] == 31 * 2 + 1)
        #expect(census["script"] == nil)
        let html = String(decoding: bytes, as: UTF8.self)
        // Each bullet: 1,000,000 x 4.35% x 121 / 360 ordinary interest; relief 8,280.33 (RULES.md section 4 numbers).
        #expect(html.contains("8,280.33"))
        #expect(html.contains("19,200.00"))  // 6,000,000 x 0.08% x 4 days
        #expect(html.contains("济宁银行"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/", with: "").contains("http://"))
        #expect(try run(["report", "--html", "r.html", "--from", "2020-04-01", "--to", "2020-03-01"]).status == 65)
    }
}
