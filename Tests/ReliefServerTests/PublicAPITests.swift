import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReliefServer
import Testing

/// The public API in process: the CLI's JSON for good parameters, every problem by field for
/// bad ones, the security headers on every answer. Figures from RULES.md's worked examples.
@Suite struct PublicAPITests {
    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        let app = Application(router: ReliefWebServer.router())
        return try await app.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                (response.status, response.headers, String(buffer: response.body))
            }
        }
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func healthz() async throws {
        let (status, headers, body) = try await get("/healthz")
        #expect(status == .ok)
        #expect(body == "ok")
        #expect(headers[.xContentTypeOptions] == "nosniff")
        #expect(headers[.referrerPolicy] == "same-origin")
        #expect(headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        #expect(headers[.contentSecurityPolicy]?.contains("'unsafe-inline'") == true)  // styles only
        #expect(headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
    }

    /// RULES.md: 1,000,000 at 4.90% over 240 months, annuity: the first payment is 6,544.44.
    @Test func scheduleHasTheCLIsKeysAndFigures() async throws {
        let (status, headers, body) = try await get("/api/v1/schedule?principal=1000000&rate=4.90%25&start=2020-01-15&months=240")
        #expect(status == .ok)
        #expect(headers[.contentType] == "application/json; charset=utf-8")
        let object = try Self.object(body)
        let installments = try #require(object["installments"] as? [[String: Any]])
        #expect(installments.count == 240)
        #expect(installments.first?["payment"] as? String == "6544.44")
        #expect(installments.first?["due_date"] as? String == "2020-02-15")
        #expect((object["totals"] as? [String: Any])?["principal"] as? String == "1000000.00")
    }

    /// RULES.md: a 1,000,000 bullet at 4.35% from 2019-03-01 deferred 121 days under the 2020
    /// programme owes 14,620.83 of ordinary interest on the deferred principal.
    @Test func deferOneLoan() async throws {
        let (status, _, body) = try await get("/api/v1/defer?principal=1000000&rate=4.35%25&start=2019-03-01&months=12&method=bullet&programme=2020")
        #expect(status == .ok)
        #expect(try Self.object(body)["interest_on_deferred_principal"] as? String == "14620.83")
    }

    /// SPEC.md's example: 5,000,000 from 2020-03-02 to 03-12 (10 days) at 0.08% a day = 40,000.00.
    @Test func bridgeQuote() async throws {
        let (status, _, body) = try await get("/api/v1/bridge/quote?amount=5000000&from=2020-03-02&to=2020-03-12")
        #expect(status == .ok)
        let object = try Self.object(body)
        #expect(object["days"] as? Int == 10)
        #expect(object["fee"] as? String == "40000.00")
    }

    @Test func estimateAndProgrammes() async throws {
        let estimate = try await get("/api/v1/estimate?principal=120000&rate=4.8%25&start=2020-01-15&months=6&bridge_days=4")
        #expect(estimate.status == .ok)
        #expect((try Self.object(estimate.body)["options"] as? [Any])?.count == 5)
        let programmes = try await get("/api/v1/programmes")
        #expect(programmes.status == .ok)
        #expect((try Self.object(programmes.body)["programmes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["2020", "2020-06", "2021-04", "2022-11"])
    }

    /// Every problem at once, each by its field: a missing principal, a date that does not
    /// exist, a term that is not a whole number.
    @Test func badParametersAre400WithEveryProblem() async throws {
        let (status, headers, body) = try await get("/api/v1/schedule?rate=4.35%25&start=2020-02-30&months=12.5")
        #expect(status == .badRequest)
        #expect(headers[.xContentTypeOptions] == "nosniff")
        let problems = try #require(try Self.object(body)["problems"] as? [[String: Any]])
        #expect(problems.map { $0["field"] as? String } == ["principal", "start", "months"])
        #expect(problems.allSatisfy { $0["file"] is NSNull && $0["line"] is NSNull })
        #expect(problems[1]["message"] as? String == "'2020-02-30' is not a valid date: February 2020 has 29 days")
    }

    /// A rule broken (a rate over 36%, a 16-day bridge, a path for a programme): 400 naming it.
    @Test func brokenRulesAre400() async throws {
        let rate = try await get("/api/v1/schedule?principal=1000&rate=36.01%25&start=2020-01-15&months=12")
        #expect(rate.status == .badRequest)
        #expect((try Self.object(rate.body)["problems"] as? [[String: Any]])?.first?["field"] as? String == "rate")
        let bridge = try await get("/api/v1/bridge/quote?amount=5000000&from=2020-03-02&to=2020-03-18")
        #expect(bridge.status == .badRequest)
        let path = try await get("/api/v1/defer?principal=1000&rate=4%25&start=2020-01-15&months=12&programme=/etc/passwd")
        #expect(path.status == .badRequest)
        #expect((try Self.object(path.body)["problems"] as? [[String: Any]])?.first?["field"] as? String == "programme")
    }

    @Test func anUnknownRouteIs404WithTheHeaders() async throws {
        let (status, headers, _) = try await get("/api/v1/nothing")
        #expect(status == .notFound)
        #expect(headers[.xContentTypeOptions] == "nosniff")
    }

    /// A malformed override is a problem of its own, never the preset's figures answered
    /// with 200.
    @Test func aBadOverrideIsNotIgnored() async throws {
        let (status, _, body) = try await get("/api/v1/defer?principal=1000000&rate=4.35%25&start=2019-03-01&months=12&method=bullet&penalty_uplift=lots&defer_to=2020-06-31")
        #expect(status == .badRequest)
        #expect((try Self.object(body)["problems"] as? [[String: Any]])?.map { $0["field"] as? String } == ["defer_to", "penalty_uplift"])
    }

    /// A bridge of no days: 400 on its field, as the CLI's 65.
    @Test func anEstimateWithoutBridgeDays() async throws {
        let (status, _, body) = try await get("/api/v1/estimate?principal=120000&rate=4.8%25&start=2020-01-15&months=6&bridge_days=0")
        #expect(status == .badRequest)
        #expect((try Self.object(body)["problems"] as? [[String: Any]])?.first?["field"] as? String == "bridge_days")
    }
}
