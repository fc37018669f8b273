import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReliefApp
import ReliefDomain
import ReliefLedger
import ReliefServer
import Testing

/// Every API route x {anonymous, bank A, bank B, coordinator, bureau} against SPEC.md's role
/// table: the status code, and for lists and exports that nothing of another bank appears.
@Suite struct APIRoleTableTests {
    typealias Call = (method: HTTPRequest.Method, uri: String, body: String?)

    static let who = ["anonymous", "jnbank", "nsbank", "coord", "bureau"]

    static let loanCSV = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method\n"
        + "W-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity\n"

    /// (call, expected status for anonymous, jnbank, nsbank, coord, bureau).
    static let table: [(call: Call, expected: [HTTPResponse.Status])] = [
        ((.get, "/api/v1/programmes", nil), [.ok, .ok, .ok, .ok, .ok]),
        ((.get, "/api/v1/estimate?principal=1000000.00&rate=4.35%25&start=2019-07-15&months=12", nil), [.ok, .ok, .ok, .ok, .ok]),
        ((.get, "/api/v1/bridge/quote?amount=1000000.00&from=2020-03-02&to=2020-03-06", nil), [.ok, .ok, .ok, .ok, .ok]),
        ((.get, "/api/v1/openapi.json", nil), [.ok, .ok, .ok, .ok, .ok]),
        ((.get, "/api/v1/loans", nil), [.unauthorized, .ok, .ok, .forbidden, .ok]),
        ((.get, "/api/v1/loans/JN-1", nil), [.unauthorized, .ok, .notFound, .forbidden, .ok]),
        ((.get, "/api/v1/loans/NS-1", nil), [.unauthorized, .notFound, .ok, .forbidden, .ok]),
        // A row of another bank is refused at its line (400), nothing written (a dry run anyway).
        ((.post, "/api/v1/import?dry_run=true&name=loans.csv", loanCSV), [.unauthorized, .ok, .badRequest, .forbidden, .ok]),
        ((.post, "/api/v1/defer?dry_run=true&programme=2020", nil), [.unauthorized, .ok, .ok, .forbidden, .ok]),
        ((.get, "/api/v1/export/loans", nil), [.unauthorized, .ok, .ok, .forbidden, .ok]),
        ((.get, "/api/v1/export/schedules", nil), [.unauthorized, .ok, .ok, .forbidden, .ok]),
        ((.get, "/api/v1/export/journal", nil), [.unauthorized, .notFound, .notFound, .forbidden, .ok]),
        ((.get, "/api/v1/export/loanbook", nil), [.unauthorized, .forbidden, .forbidden, .forbidden, .ok]),
        ((.post, "/api/v1/reconcile?name=empty.xml", nil), [.unauthorized, .badRequest, .badRequest, .forbidden, .badRequest]),
        ((.get, "/api/v1/bridge/report?to=2020-12-31", nil), [.unauthorized, .forbidden, .forbidden, .forbidden, .ok]),
        ((.get, "/api/v1/bridge/advances", nil), [.unauthorized, .forbidden, .forbidden, .forbidden, .ok]),
        ((.post, "/api/v1/bridge/advance", "{}"), [.unauthorized, .forbidden, .forbidden, .forbidden, .badRequest]),
        ((.post, "/api/v1/bridge/repay", "{}"), [.unauthorized, .forbidden, .forbidden, .forbidden, .badRequest]),
        ((.get, "/api/v1/ledger/check", nil), [.unauthorized, .forbidden, .forbidden, .forbidden, .ok]),
        ((.get, "/api/v1/firstloan/report?to=2020-12-31", nil), [.unauthorized, .forbidden, .forbidden, .ok, .ok]),
    ]

    @Test func everyRouteForEveryRole() async throws {
        var fixture = try ScopedAPITests.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try AccountWorkflow.add(fixture.ledger, name: "nsbank", role: .bank, bank: "农商银行", password: "a long enough password",
                                today: try CivilDate(parsing: "2020-03-01"))
        fixture.tokens["nsbank"] = try AccountWorkflow.newToken(fixture.ledger, name: "nsbank")
        let tokens = fixture.tokens
        let app = Application(router: ReliefWebServer.router(ledger: fixture.ledger))
        try await app.test(.router) { client in
            for row in Self.table {
                for (index, who) in Self.who.enumerated() {
                    var headers = HTTPFields()
                    // A token on a public route is ignored: the anonymous column sends none.
                    if let token = tokens[who] { headers[.authorization] = "Bearer \(token)" }
                    if let body = row.call.body { headers[.contentType] = body.hasPrefix("{") ? "application/json" : "text/csv" }
                    let (status, body) = try await client.execute(uri: row.call.uri, method: row.call.method, headers: headers,
                                                                  body: row.call.body.map { ByteBuffer(string: $0) }) { ($0.status, String(buffer: $0.body)) }
                    #expect(status == row.expected[index], "\(who) \(row.call.method) \(row.call.uri): \(body.prefix(200))")
                    // Lists and exports of one bank hold nothing of the other.
                    if status == .ok, who == "jnbank" { #expect(!body.contains("农商银行") && !body.contains("NS-1"), "\(row.call.uri)") }
                    if status == .ok, who == "nsbank" { #expect(!body.contains("济宁银行") && !body.contains("JN-"), "\(row.call.uri)") }
                }
            }
        }
    }

    /// A bank's statement is matched against its own loans' repayments only: another bank's
    /// repayment in the same days is not among its unmatched events (and is named nowhere).
    @Test func aBankReconcilesAgainstItsOwnLoansOnly() async throws {
        let fixture = try ScopedAPITests.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let day = try CivilDate(parsing: "2020-02-15")  // the first due date of loans starting 2020-01-15
        _ = try LoanWorkflow.repay(fixture.ledger, try LoanID(validating: "JN-1"), period: 1, on: day)
        _ = try LoanWorkflow.repay(fixture.ledger, try LoanID(validating: "NS-1"), period: 1, on: day)
        let tokens = fixture.tokens
        let statement: @Sendable (String) -> String = { amount in "交易日期,摘要,收入金额,支出金额,余额,对方户名\n2020-02-15,还款,\(amount),-,\"20,000,000.00\",某企业\n" }
        let app = Application(router: ReliefWebServer.router(ledger: fixture.ledger))
        try await app.test(.router) { client in
            func reconcile(_ who: String, _ amount: String) async throws -> [String: Any] {
                let headers: HTTPFields = [.authorization: "Bearer \(tokens[who] ?? "")", .contentType: "text/csv"]
                let body = try await client.execute(uri: "/api/v1/reconcile?name=statement.csv", method: .post, headers: headers,
                                                    body: ByteBuffer(string: statement(amount))) { response in
                    #expect(response.status == .ok)
                    return String(buffer: response.body)
                }
                #expect(!(who == "jnbank" && (body.contains("NS-1") || body.contains("农商银行"))), "\(body)")
                return try ScopedAPITests.object(body)
            }
            let bank = try await reconcile("jnbank", "1.00")
            #expect(bank["unmatched_statement"] as? Int == 1)
            #expect(bank["unmatched_ledger"] as? Int == 1)  // JN-1's repayment; NS-1's is not the bank's
            let bureau = try await reconcile("bureau", "2.00")
            #expect(bureau["unmatched_ledger"] as? Int == 2)  // both banks' repayments
        }
    }

    /// Review findings: a bank importing another bank's loan id learns nothing of that loan; a
    /// HEAD of the loan book writes no copy of it; a page past the last is 400, not 500.
    @Test func aBankImportingAnotherBanksLoanIdLearnsNothingOfIt() async throws {
        let fixture = try ScopedAPITests.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let tokens = fixture.tokens
        // NS-1 is 农商银行's loan to 曲阜市孔府食品有限公司; 济宁银行 uploads a loan of its own under that id.
        let csv = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method\n"
            + "NS-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,700000.00,5.00%,2019-10-15,24,annuity\n"
        let app = Application(router: ReliefWebServer.router(ledger: fixture.ledger))
        try await app.test(.router) { client in
            let (status, body) = try await client.execute(uri: "/api/v1/import?dry_run=true&name=loans.csv", method: .post,
                                                          headers: [.authorization: "Bearer \(tokens["jnbank"] ?? "")", .contentType: "text/csv"],
                                                          body: ByteBuffer(string: csv)) { ($0.status, String(buffer: $0.body)) }
            #expect(status == .badRequest)
            #expect(body.contains("loan id NS-1 is not available to 济宁银行"))
            #expect(!body.contains("曲阜市孔府食品有限公司") && !body.contains("农商银行") && !body.contains("1000000"), "\(body)")

            let past = try await client.execute(uri: "/api/v1/loans?page=1000001", method: .get,
                                                headers: [.authorization: "Bearer \(tokens["bureau"] ?? "")"]) { $0.status }
            #expect(past == .badRequest)

            let exports = { (try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path))?
                .filter { $0.hasPrefix("relief-export-") }.count ?? 0 }
            let before = exports()
            let head = try await client.execute(uri: "/api/v1/export/loanbook", method: .head,
                                                headers: [.authorization: "Bearer \(tokens["bureau"] ?? "")"]) { $0.status }
            #expect(head == .ok || head == .notFound)  // Hummingbird answers HEAD only where the router generates it
            #expect(exports() == before)
        }
    }
}
