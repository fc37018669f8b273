import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReliefApp
import ReliefDomain
import ReliefLedger
import ReliefServer
import Testing

/// The API behind bearer tokens: who gets in (401), who may do what (403), and a bank that
/// sees its own loans only (another bank's loan is 404). A ledger with two banks' loans and
/// one account per role.
@Suite struct ScopedAPITests {
    struct Fixture {
        let ledger: LedgerStore
        let folder: URL
        var tokens: [String: String] = [:]
    }

    static func loan(_ id: String, bank: String, code: String, name: String) throws -> LoanRecord {
        LoanRecord(id: try LoanID(validating: id),
                   enterprise: EnterpriseRecord(code: try CreditCode(validating: code), name: name, size: .small, county: "任城区"),
                   bank: bank, terms: try LoanTerms(principal: try Money(parsing: "1000000"), annualRate: try Rate(parsing: "4.35%"),
                                                    start: try CivilDate(parsing: "2020-01-15"), termMonths: 12, method: .annuity),
                   creditLine: nil, applied: nil)
    }

    static func fixture() throws -> Fixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relief-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let ledger = try LedgerStore.create(at: folder.appendingPathComponent("relief.sqlite").path)
        let today = try CivilDate(parsing: "2020-03-01")
        _ = try LoanWorkflow.add(ledger, try loan("JN-1", bank: "济宁银行", code: "91350100M000100Y43", name: "济宁市鲁兴机械有限公司"), rounding: .halfUp)
        _ = try LoanWorkflow.add(ledger, try loan("JN-2", bank: "济宁银行", code: "92350100MA2XY00001", name: "济宁市运河纺织有限公司"), rounding: .halfUp)
        _ = try LoanWorkflow.add(ledger, try loan("NS-1", bank: "农商银行", code: "91440300708461136T", name: "曲阜市孔府食品有限公司"), rounding: .halfUp)
        var fixture = Fixture(ledger: ledger, folder: folder)
        for (name, role, bank) in [("bureau", UserRole.bureau, nil), ("jnbank", .bank, "济宁银行"), ("coord", .coordinator, nil),
                                   ("gone", .bureau, nil)] as [(String, UserRole, String?)] {
            try AccountWorkflow.add(ledger, name: name, role: role, bank: bank, password: "a long enough password", today: today)
            fixture.tokens[name] = try AccountWorkflow.newToken(ledger, name: name)
        }
        _ = try AccountWorkflow.disable(ledger, name: "gone")
        return fixture
    }

    func get(_ fixture: Fixture, _ uri: String, token: String?) async throws -> (status: HTTPResponse.Status, body: String) {
        let app = Application(router: ReliefWebServer.router(ledger: fixture.ledger))
        return try await app.test(.router) { client in
            var headers = HTTPFields()
            if let token { headers[.authorization] = "Bearer \(token)" }
            return try await client.execute(uri: uri, method: .get, headers: headers) { response in
                (response.status, String(buffer: response.body))
            }
        }
    }

    func getRaw(_ fixture: Fixture, _ uri: String, authorization: String) async throws -> (status: HTTPResponse.Status, body: String) {
        let app = Application(router: ReliefWebServer.router(ledger: fixture.ledger))
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: [.authorization: authorization]) { response in
                (response.status, String(buffer: response.body))
            }
        }
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func noWrongReplacedOrDisabledTokenIs401() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        #expect(try await get(fixture, "/api/v1/loans", token: nil).status == .unauthorized)
        #expect(try await get(fixture, "/api/v1/loans", token: "not-a-token").status == .unauthorized)
        #expect(try await get(fixture, "/api/v1/loans", token: fixture.tokens["gone"]).status == .unauthorized)
        // A new token replaces the old one at once.
        _ = try AccountWorkflow.newToken(fixture.ledger, name: "bureau")
        #expect(try await get(fixture, "/api/v1/loans", token: fixture.tokens["bureau"]).status == .unauthorized)
        // The scheme is case-insensitive (RFC 7235); a disabled account gets no new token.
        #expect(try await getRaw(fixture, "/api/v1/loans", authorization: "bearer \(fixture.tokens["jnbank"] ?? "")").status == .ok)
        #expect(throws: (any Error).self) { _ = try AccountWorkflow.newToken(fixture.ledger, name: "gone") }
        // A token on a public route is ignored.
        #expect(try await get(fixture, "/healthz", token: "not-a-token").status == .ok)
    }

    @Test func aBankSeesItsOwnLoansOnly() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let bank = try await get(fixture, "/api/v1/loans", token: fixture.tokens["jnbank"])
        #expect(bank.status == .ok)
        let object = try Self.object(bank.body)
        #expect((object["loans"] as? [[String: Any]])?.map { $0["loan_id"] as? String } == ["JN-1", "JN-2"])
        #expect(object["total"] as? Int == 2 && object["page"] as? Int == 1 && object["per_page"] as? Int == 50)
        // Another bank's loan does not exist for it: 404, as an unknown one.
        #expect(try await get(fixture, "/api/v1/loans/NS-1", token: fixture.tokens["jnbank"]).status == .notFound)
        #expect(try await get(fixture, "/api/v1/loans/NOPE", token: fixture.tokens["jnbank"]).status == .notFound)
        let own = try await get(fixture, "/api/v1/loans/JN-2", token: fixture.tokens["jnbank"])
        #expect(own.status == .ok)
        #expect(try Self.object(own.body)["borrower"] as? String == "济宁市运河纺织有限公司")
        // A search inside its scope: by borrower, by credit code.
        let search = try await get(fixture, "/api/v1/loans?q=%E8%BF%90%E6%B2%B3", token: fixture.tokens["jnbank"])  // 运河
        #expect((try Self.object(search.body)["loans"] as? [[String: Any]])?.map { $0["loan_id"] as? String } == ["JN-2"])
        let other = try await get(fixture, "/api/v1/loans?q=91440300708461136T", token: fixture.tokens["jnbank"])
        #expect(try Self.object(other.body)["total"] as? Int == 0)
    }

    @Test func theBureauSeesAllAndRolesAreEnforced() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let all = try await get(fixture, "/api/v1/loans?page=1", token: fixture.tokens["bureau"])
        #expect(try Self.object(all.body)["total"] as? Int == 3)
        #expect(try await get(fixture, "/api/v1/loans/NS-1", token: fixture.tokens["bureau"]).status == .ok)
        #expect(try await get(fixture, "/api/v1/loans?page=0", token: fixture.tokens["bureau"]).status == .badRequest)
        #expect(try await get(fixture, "/api/v1/loans?page=x", token: fixture.tokens["bureau"]).status == .badRequest)
        // The coordinator has no loans; only the bureau checks the ledger.
        #expect(try await get(fixture, "/api/v1/loans", token: fixture.tokens["coord"]).status == .forbidden)
        #expect(try await get(fixture, "/api/v1/ledger/check", token: fixture.tokens["jnbank"]).status == .forbidden)
        let check = try await get(fixture, "/api/v1/ledger/check", token: fixture.tokens["bureau"])
        #expect(check.status == .ok)
        let object = try Self.object(check.body)
        #expect(object["ok"] as? Bool == true)
        #expect((object["invariants"] as? Int ?? 0) > 10)
        #expect((object["problems"] as? [Any])?.isEmpty == true)
    }
}
