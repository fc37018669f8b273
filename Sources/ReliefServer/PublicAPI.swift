import Hummingbird
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefPresentation

/// The quotes anyone may ask for (SPEC.md: no account), read from a request's parameters by
/// the CLI's option names: each gives its report, or the problems with the request. The API
/// answers with the report's JSON, the public pages show it beside their forms.
enum PublicQuotes {
    /// A quote's outcome: the report, or every problem of the request.
    enum Outcome<Report> {
        case report(Report)
        case problems([FieldProblem])
    }

    static func schedule(_ values: [String: String]) throws -> Outcome<ScheduleReport> {
        var parameters = Parameters(values)
        guard let (terms, rounding) = parameters.loanTerms() else { return .problems(parameters.problems) }
        return try answer(&parameters) { ScheduleReport(schedule: try LoanQuoteWorkflow.schedule(terms, rounding: rounding)) }
    }

    static func deferral(_ values: [String: String]) throws -> Outcome<DeferralReport> {
        var parameters = Parameters(values)
        let loan = parameters.loanTerms()
        let programme = parameters.programme()
        guard let (terms, rounding) = loan, let programme, parameters.problems.isEmpty else { return .problems(parameters.problems) }
        return try answer(&parameters) { DeferralReport(result: try LoanQuoteWorkflow.deferred(terms, programme: programme, rounding: rounding)) }
    }

    static func estimate(_ values: [String: String]) throws -> Outcome<EstimateReport> {
        var parameters = Parameters(values)
        let loan = parameters.loanTerms()
        let programme = parameters.programme()
        let bridgeDays = parameters.count("bridge_days") ?? 4
        let privateRate = parameters.value("private_daily_rate") { (text: String) throws(ParseError) in try Rate(parsing: text) }
            ?? BridgeTerms.privateDailyRate
        guard let (terms, rounding) = loan, let programme, parameters.problems.isEmpty else { return .problems(parameters.problems) }
        return try answer(&parameters) {
            EstimateReport(estimate: try LoanQuoteWorkflow.estimate(terms, programme: programme, bridgeDays: bridgeDays,
                                                                    privateDailyRate: privateRate, rounding: rounding))
        }
    }

    /// A bridge quote at the fund's stored terms (the seed terms without a ledger).
    static func bridgeQuote(_ values: [String: String], ledger: LedgerStore?) throws -> Outcome<BridgeQuoteReport> {
        var parameters = Parameters(values)
        let amount = parameters.value("amount", required: true) { (text: String) throws(ParseError) in try Money(parsing: text) }
        let from = parameters.value("from", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        let to = parameters.value("to", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        let dailyRate = parameters.value("daily_rate") { (text: String) throws(ParseError) in try Rate(parsing: text) }
        let commitment = parameters.value("commitment") { (text: String) throws(ParseError) in try Money(parsing: text) }
        let privateRate = parameters.value("private_daily_rate") { (text: String) throws(ParseError) in try Rate(parsing: text) }
            ?? BridgeTerms.privateDailyRate
        guard let amount, let from, let to, parameters.problems.isEmpty else { return .problems(parameters.problems) }
        return try answer(&parameters) {
            BridgeQuoteReport(comparison: try BridgeFundWorkflow.quote(amount: amount, from: from, to: to, dailyRate: dailyRate, commitment: commitment,
                                                                       privateDailyRate: privateRate,
                                                                       terms: try ledger.map(BridgeFundWorkflow.terms) ?? .seed()))
        }
    }

    static var programmes: ProgrammesReport {
        ProgrammesReport(programmes: ReliefProgramme.presetNames.compactMap(ReliefProgramme.preset(named:)))
    }

    /// The report `body` makes, or the rule it broke (a 16-day bridge, a rate over the cap) as
    /// a problem of its field: on the command line such input exits 65.
    static func answer<Report>(_ parameters: inout Parameters, _ body: () throws -> Report) throws -> Outcome<Report> {
        do {
            return .report(try body())
        } catch let violation as RuleViolation {
            parameters.problem(Parameters.field(of: violation), violation.message)
        } catch let error as WorkflowError {
            parameters.problem("request", error.description)
        }
        return .problems(parameters.problems)
    }
}

/// The API routes anyone may call, and the health check: parse, call one workflow, answer with
/// the CLI's JSON (400 with every problem of the request).
enum PublicAPI {
    static func add<Context: RequestContext>(to router: some RouterMethods<Context>, ledger: LedgerStore?) {
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "ok")))
        }
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in APIResponse.json(OpenAPIDocument.document().rendered()) }
        api.get("programmes") { _, _ in APIResponse.json(PublicQuotes.programmes.render(.json)) }
        api.get("schedule") { request, _ in respond(try PublicQuotes.schedule(request.parameterValues)) { $0.json() } }
        api.get("defer") { request, _ in respond(try PublicQuotes.deferral(request.parameterValues)) { $0.json() } }
        api.get("estimate") { request, _ in respond(try PublicQuotes.estimate(request.parameterValues)) { $0.json() } }
        api.get("bridge/quote") { request, _ in respond(try PublicQuotes.bridgeQuote(request.parameterValues, ledger: ledger)) { $0.json() } }
    }

    static func respond<Report>(_ outcome: PublicQuotes.Outcome<Report>, _ json: (Report) -> JSONValue) -> Response {
        switch outcome {
        case .report(let report): return APIResponse.json(json(report).rendered())
        case .problems(let problems): return APIResponse.problems(problems)
        }
    }
}

extension Request {
    /// The query's parameters, each by name (the last value when a name repeats).
    var parameterValues: [String: String] {
        var values: [String: String] = [:]
        for (name, value) in uri.queryParameters { values[String(name)] = String(value) }
        return values
    }
}
