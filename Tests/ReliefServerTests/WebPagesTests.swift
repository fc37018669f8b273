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

/// The pages of `relief serve` against SPEC.md's web contract, each rule tried by someone who
/// should not get through: sessions and their cookie, who may open what (the role table), a
/// bank that sees only its own loans, CSRF, the sign-in limit, escaping, uploads and limits.
@Suite(.serialized) struct WebPagesTests {
    /// A browser without a browser: keeps the session cookie and reads each form's CSRF token.
    struct Browser {
        let client: any TestClientProtocol
        var cookie: String?

        mutating func request(_ uri: String, method: HTTPRequest.Method = .get, body: String? = nil,
                              contentType: String = "application/x-www-form-urlencoded") async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
            var headers = HTTPFields()
            if let cookie { headers[.cookie] = cookie }
            if body != nil { headers[.contentType] = contentType }
            let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            for field in response.headers[values: .setCookie] where field.hasPrefix("relief_session=") {
                let value = String(field.split(separator: ";")[0])
                cookie = value == "relief_session=" || field.contains("Expires=Thu, 01 Jan 1970") ? nil : value
            }
            return (response.status, response.headers, String(buffer: response.body))
        }

        mutating func signIn(_ name: String, password: String = WebPagesTests.password) async throws -> HTTPResponse.Status {
            try await request("/signin", method: .post, body: "name=\(name)&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=/").status
        }

        /// The CSRF token of the forms on `page`.
        mutating func csrfToken(on page: String) async throws -> String {
            let body = try await request(page).body
            let marker = "name=\"csrf_token\" value=\""
            let start = try #require(body.range(of: marker)).upperBound
            return String(body[start...].prefix { $0 != "\"" })
        }
    }

    static let password = "a long enough password"

    static func withServer(_ fixture: ScopedAPITests.Fixture, maxUploadBytes: Int = 1 << 20,
                           _ body: @escaping @Sendable (inout Browser) async throws -> Void) async throws {
        let app = Application(router: ReliefWebServer.router(ledger: fixture.ledger, state: .init(maxUploadBytes: maxUploadBytes)))
        try await app.test(.router) { client in
            var browser = Browser(client: client)
            try await body(&browser)
        }
    }

    /// A second bank account for the role table.
    static func fixture() throws -> ScopedAPITests.Fixture {
        let fixture = try ScopedAPITests.fixture()
        try AccountWorkflow.add(fixture.ledger, name: "nsbank", role: .bank, bank: "农商银行", password: password, today: try CivilDate(parsing: "2020-03-01"))
        return fixture
    }

    @Test func signingInStartsASessionWithSPECsCookie() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            let response = try await browser.request("/signin", method: .post, body: "name=jnbank&password=a+long+enough+password&next=%2Floans%3Fpage%3D1")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/loans?page=1")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("relief_session=") })
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).split(separator: "=")[0].lowercased() })
            #expect(attributes.isSuperset(of: ["httponly", "samesite", "path", "expires"]))
            #expect(cookie.contains("SameSite=Strict"))
            // Signed in: the page opens.
            #expect(try await browser.request("/loans").status == .ok)
            // Signing out ends the session.
            let token = try await browser.csrfToken(on: "/loans")
            #expect(try await browser.request("/signout", method: .post, body: "csrf_token=\(token)").status == .seeOther)
            #expect(try await browser.request("/loans").status == .seeOther)
        }
    }

    @Test func aWrongPasswordOrAnotherSitesNextLetsNobodyIn() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            let wrong = try await browser.request("/signin", method: .post, body: "name=jnbank&password=not+the+password&next=/loans")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[values: .setCookie].isEmpty)
            #expect(wrong.body.contains("The name or the password is not right"))
            // The typed name is kept, the password never written back.
            #expect(wrong.body.contains("value=\"jnbank\""))
            #expect(!wrong.body.contains("not the password"))
            for next in ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] {
                var other = browser
                other.cookie = nil
                let response = try await other.request("/signin", method: .post,
                                                       body: "name=jnbank&password=a+long+enough+password&next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
                #expect(response.headers[.location] == "/", "next \(next)")
            }
        }
    }

    /// SPEC.md's role table: every page for a visitor (303 to sign in), each role (200 or 403),
    /// and a bank account's view of another bank's loan (404).
    @Test func everyPageAgainstTheRoleTable() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let pages: [(path: String, allowed: Set<String>)] = [
            ("/estimate", ["visitor", "jnbank", "nsbank", "coord", "bureau"]), ("/schedule", ["visitor", "jnbank", "nsbank", "coord", "bureau"]),
            ("/bridge/quote", ["visitor", "jnbank", "nsbank", "coord", "bureau"]), ("/programmes", ["visitor", "jnbank", "nsbank", "coord", "bureau"]),
            ("/signin", ["visitor", "jnbank", "nsbank", "coord", "bureau"]), ("/", ["visitor", "jnbank", "nsbank", "coord", "bureau"]),
            ("/loans", ["jnbank", "nsbank", "bureau"]), ("/loans/JN-1", ["jnbank", "bureau"]), ("/import", ["jnbank", "nsbank", "bureau"]),
            ("/defer", ["jnbank", "nsbank", "bureau"]), ("/export", ["jnbank", "nsbank", "bureau"]), ("/export/loans.csv", ["jnbank", "nsbank", "bureau"]),
            ("/export/journal.csv", ["bureau"]), ("/export/loanbook.xml", ["bureau"]), ("/reconcile", ["jnbank", "nsbank", "bureau"]), ("/fund", ["bureau"]), ("/report", ["bureau"]), ("/ledger/check", ["bureau"]),
            ("/firstloan", ["coord", "bureau"]),
        ]
        for who in ["visitor", "jnbank", "nsbank", "coord", "bureau"] {
            try await Self.withServer(fixture) { browser in
                if who != "visitor" { #expect(try await browser.signIn(who) == .seeOther) }
                for page in pages {
                    let status = try await browser.request(page.path).status
                    let expected: HTTPResponse.Status
                    if page.allowed.contains(who) {
                        expected = .ok
                    } else if who == "visitor" {
                        expected = .seeOther
                    } else if page.path == "/loans/JN-1" && who == "nsbank" || page.path == "/export/journal.csv" && who.hasSuffix("bank") {
                        expected = .notFound  // another bank's loan, a table that is not a bank's: not disclosed
                    } else {
                        expected = .forbidden
                    }
                    #expect(status == expected, "\(who) GET \(page.path)")
                }
            }
        }
    }

    @Test func aBankSeesAndExportsOnlyItsOwnLoans() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("jnbank")
            let list = try await browser.request("/loans").body
            #expect(list.contains("JN-1") && list.contains("JN-2"))
            #expect(!list.contains("NS-1") && !list.contains("农商银行") && !list.contains("曲阜市孔府食品有限公司"))
            #expect(list.contains("data-key=\"total\">2<"))
            // Searching for the other bank's loan finds nothing.
            #expect(try await browser.request("/loans?q=NS-1").body.contains("data-key=\"total\">0<"))
            let export = try await browser.request("/export/loans.csv").body
            let rows = export.split(separator: "\r\n").dropFirst()
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.contains("济宁银行") })
        }
    }

    @Test func aFormPostWithoutItsCSRFTokenIsRefusedAndWritesNothing() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("bureau")
            let before = try LedgerListings.journalSize(fixture.ledger)
            for body in ["programme=2020&confirm=yes", "programme=2020&confirm=yes&csrf_token=", "programme=2020&confirm=yes&csrf_token=forged-token"] {
                #expect(try await browser.request("/defer", method: .post, body: body).status == .forbidden, "\(body)")
            }
            let advance = "id=ADV-1&enterprise=91350100M000100Y43&bank=济宁银行&amount=100000.00&date=2020-03-02"
            #expect(try await browser.request("/fund/advance", method: .post, body: advance).status == .forbidden)
            #expect(try LedgerListings.journalSize(fixture.ledger) == before)
            #expect(try LoanWorkflow.show(fixture.ledger, try LoanID(validating: "JN-1")).deferrals.isEmpty)
            // Another session's token does not pass either.
            var other = Browser(client: browser.client)
            _ = try await other.signIn("jnbank")
            let othersToken = try await other.csrfToken(on: "/defer")
            #expect(try await browser.request("/defer", method: .post, body: "programme=2020&confirm=yes&csrf_token=\(othersToken)").status == .forbidden)
            // With this session's token the deferral happens, recorded as this account's.
            let token = try await browser.csrfToken(on: "/defer")
            let preview = try await browser.request("/defer", method: .post, body: "programme=2020&csrf_token=\(token)")
            #expect(preview.status == .ok && preview.body.contains("Nothing is written yet"))
            #expect(try LoanWorkflow.show(fixture.ledger, try LoanID(validating: "JN-1")).deferrals.isEmpty)
            let confirmed = try await browser.request("/defer", method: .post, body: "programme=2020&confirm=yes&csrf_token=\(token)")
            #expect(confirmed.status == .ok && confirmed.body.contains("Programme 2020 applied"))
            // The fixture's loans have no relief application: all three considered and refused.
            #expect(confirmed.body.contains("data-field=\"loans_considered\" data-value=\"3\""))
            #expect(confirmed.body.contains("data-field=\"loans_refused\" data-value=\"3\""))
        }
    }

    @Test func fiveFailedSignInsThenTooManyRequests() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            for attempt in 1...5 {
                #expect(try await browser.request("/signin", method: .post, body: "name=coord&password=wrong+password+\(attempt)").status == .unauthorized)
            }
            // The sixth, even with the right password, waits.
            let limited = try await browser.request("/signin", method: .post, body: "name=coord&password=a+long+enough+password")
            #expect(limited.status == .tooManyRequests)
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect(retryAfter > 0 && retryAfter <= 15 * 60)
            #expect(limited.headers[values: .setCookie].isEmpty)
            // Another account is not held up by it (the test client has no address to count).
            #expect(try await browser.signIn("bureau") == .seeOther)
        }
    }

    /// Attempts sent at once are counted before their bcrypt check, not after: a burst of ten
    /// wrong passwords gets at most five answers of 401, the rest 429.
    @Test func aBurstOfParallelSignInsIsLimitedToo() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            let client = browser.client
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for attempt in 1...10 {
                    group.addTask {
                        try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: ByteBuffer(string: "name=coord&password=wrong+\(attempt)")) { $0.status }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 5, "\(statuses)")
        }
    }

    /// The fund's forms: a bad value comes back beside its field with what was typed (400), a
    /// rule's refusal too, and nothing is written; a good one returns to /fund.
    @Test func theFundsFormsShowEachProblemBesideItsField() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("bureau")
            let token = try await browser.csrfToken(on: "/fund")
            let bad = try await browser.request("/fund/advance", method: .post,
                                                body: "csrf_token=\(token)&id=ADV-1&enterprise=91350100M000100Y43&bank=B&amount=12.345&date=2020-03-02")
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("<div class=\"field error\"><label for=\"field-amount\">"))
            #expect(bad.body.contains("value=\"12.345\"") && bad.body.contains("value=\"ADV-1\""))
            let zero = try await browser.request("/fund/capital", method: .post, body: "csrf_token=\(token)&amount=0&date=2020-03-01")
            #expect(zero.status == .badRequest)
            #expect(zero.body.contains("a capital movement of 0.00 moves nothing"))
            #expect(try BridgeFundWorkflow.register(fixture.ledger).capital.isEmpty)
            let paid = try await browser.request("/fund/capital", method: .post, body: "csrf_token=\(token)&amount=1000000.00&date=2020-03-01")
            #expect(paid.status == .seeOther && paid.headers[.location] == "/fund")
            #expect(try BridgeFundWorkflow.register(fixture.ledger).capital.count == 1)
        }
    }

    @Test func aDisabledAccountsSessionEndsAtItsNextRequest() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("jnbank")
            #expect(try await browser.request("/loans").status == .ok)
            _ = try AccountWorkflow.disable(fixture.ledger, name: "jnbank")
            #expect(try await browser.request("/loans").status == .seeOther)
        }
    }

    @Test func aBorrowersNameIsTextNeverMarkup() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        _ = try LoanWorkflow.add(fixture.ledger, try ScopedAPITests.loan("JN-X", bank: "济宁银行", code: "91370800000000000X",
                                                                         name: "<script>alert(1)</script>\"'&"), rounding: .halfUp)
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("jnbank")
            for page in ["/loans", "/loans/JN-X", "/loans?q=%3Cscript%3E"] {
                let body = try await browser.request(page).body
                #expect(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"), "\(page)")
                #expect(!body.contains("<script"), "\(page)")
            }
            // What a visitor types is escaped too.
            let typed = try await browser.request("/estimate?principal=%3Cb%3Ebold%3C/b%3E&rate=x&start=y&months=z").body
            #expect(typed.contains("value=\"&lt;b&gt;bold&lt;/b&gt;\""))
            #expect(!typed.contains("<b>bold"))
        }
    }

    static func multipart(_ parts: [(name: String, filename: String?, content: String)]) -> (body: String, contentType: String) {
        let boundary = "----relief-test-boundary"
        var body = ""
        for part in parts {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"" + (part.filename.map { "; filename=\"\($0)\"" } ?? "") + "\r\n"
            if part.filename != nil { body += "Content-Type: text/csv\r\n" }
            body += "\r\n\(part.content)\r\n"
        }
        return (body + "--\(boundary)--\r\n", "multipart/form-data; boundary=\(boundary)")
    }

    static let loanHeader = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method"

    @Test func anUploadWithAnotherBanksRowIsRefusedAtItsLineThenAFixedOneImportsOnConfirm() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("jnbank")
            let token = try await browser.csrfToken(on: "/import")
            let good = "W-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity"
            let foreign = "W-2,曲阜市孔府食品有限公司,91440300708461136T,small,曲阜市,农商银行,500000.00,4.35%,2019-10-15,12,annuity"
            let refused = Self.multipart([("csrf_token", nil, token), ("file", "C:\\Users\\staff\\loans.csv", [Self.loanHeader, good, foreign].joined(separator: "\n") + "\n")])
            let preview = try await browser.request("/import", method: .post, body: refused.body, contentType: refused.contentType)
            #expect(preview.status == .badRequest)
            // The problem names the file as the browser sent it (its last component), its line and field.
            #expect(preview.body.contains("<td data-field=\"file\">loans.csv</td><td class=\"n\" data-field=\"line\">3</td><td data-field=\"field\">bank</td>"))
            #expect(!preview.body.contains("relief-upload") && !preview.body.contains("/tmp"))
            #expect(try LoanWorkflow.page(fixture.ledger, bank: nil, query: "W-", page: 1).total == 0)

            let fixed = Self.multipart([("csrf_token", nil, token), ("file", "loans.csv", [Self.loanHeader, good].joined(separator: "\n") + "\n")])
            let clean = try await browser.request("/import", method: .post, body: fixed.body, contentType: fixed.contentType)
            #expect(clean.status == .ok && clean.body.contains("Confirm the import"))
            #expect(try LoanWorkflow.page(fixture.ledger, bank: nil, query: "W-", page: 1).total == 0)
            let marker = "name=\"upload\" value=\""
            let start = try #require(clean.body.range(of: marker)).upperBound
            let upload = String(clean.body[start...].prefix { $0 != "\"" })
            // Another account cannot confirm this upload.
            var other = Browser(client: browser.client)
            _ = try await other.signIn("bureau")
            let othersToken = try await other.csrfToken(on: "/import")
            #expect(try await other.request("/import/confirm", method: .post, body: "csrf_token=\(othersToken)&upload=\(upload)").status == .notFound)
            let confirmed = try await browser.request("/import/confirm", method: .post, body: "csrf_token=\(token)&upload=\(upload)")
            #expect(confirmed.status == .ok && confirmed.body.contains("1 records imported"))
            #expect(try LoanWorkflow.page(fixture.ledger, bank: nil, query: "W-", page: 1).total == 1)
            // The journal records who booked it.
            let history = try LedgerWorkflow.history(fixture.ledger, of: ChartOfAccounts.loanPrincipal, asOf: nil, loan: try LoanID(validating: "W-1"))
            #expect(history.map(\.user) == ["jnbank"])
            // A used upload cannot be confirmed twice.
            #expect(try await browser.request("/import/confirm", method: .post, body: "csrf_token=\(token)&upload=\(upload)").status == .notFound)
        }
    }

    @Test func anUploadOverTheLimitIs413AndWritesNothing() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture, maxUploadBytes: 2_000) { browser in
            _ = try await browser.signIn("jnbank")
            let token = try await browser.csrfToken(on: "/import")
            let row = "W-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity\n"
            let big = Self.multipart([("csrf_token", nil, token), ("file", "loans.csv", Self.loanHeader + "\n" + String(repeating: row, count: 40))])
            #expect(try await browser.request("/import", method: .post, body: big.body, contentType: big.contentType).status == .contentTooLarge)
            #expect(try LoanWorkflow.page(fixture.ledger, bank: nil, query: "W-", page: 1).total == 0)
        }
    }

    @Test func anUploadCutShortIsRefusedAndKeepsNothing() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("jnbank")
            let token = try await browser.csrfToken(on: "/import")
            let row = "W-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity"
            let whole = Self.multipart([("csrf_token", nil, token), ("file", "loans.csv", Self.loanHeader + "\n" + row + "\n")])
            // Cut inside the file, and cut inside its closing boundary: neither is a whole file.
            for cut in [whole.body.count - 60, whole.body.count - 6] {
                let body = String(whole.body.utf8.prefix(cut))!
                let response = try await browser.request("/import", method: .post, body: body, contentType: whole.contentType)
                #expect(response.status == .badRequest, "cut at \(cut)")
                #expect(response.body.contains("The upload ended before its last part did (was it cut short?); nothing was imported."))
                #expect(!response.body.contains("name=\"upload\""))
            }
            #expect(try LoanWorkflow.page(fixture.ledger, bank: nil, query: "W-", page: 1).total == 0)
            // The whole upload previews.
            #expect(try await browser.request("/import", method: .post, body: whole.body, contentType: whole.contentType).status == .ok)
        }
    }

    @Test func anUploadWithANonASCIIHeaderNameIsRefusedAndTheServerGoesOn() async throws {
        // multipart-kit 4.7.1 trapped on this body, stopping the whole server (fuzz-forms).
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("jnbank")
            let body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\né: x\r\n\r\nloan_id\r\n--b--\r\n"
            let response = try await browser.request("/import", method: .post, body: body, contentType: "multipart/form-data; boundary=b")
            #expect(response.status == .badRequest)
            #expect(response.body.contains("The form did not arrive as a file upload (multipart/form-data); nothing was imported."))
            #expect(try await browser.request("/import").status == .ok)
        }
    }

    @Test func everyPageCarriesTheSecurityHeadersAndNoScript() async throws {
        let fixture = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        try await Self.withServer(fixture) { browser in
            _ = try await browser.signIn("bureau")
            for page in ["/estimate?principal=1000000&rate=4.35%25&start=2019-07-15&months=12", "/loans", "/loans/JN-1", "/fund", "/firstloan", "/ledger/check", "/import"] {
                let response = try await browser.request(page)
                #expect(response.status == .ok, "\(page)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(!response.body.contains("<script"), "\(page)")
            }
        }
    }
}
