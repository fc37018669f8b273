import Hummingbird
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefPresentation

/// The routes anyone may call (SPEC.md: no account): the quotes an enterprise asks for, the
/// programmes, and the health check. Each parses its parameters, calls one workflow and
/// renders the CLI's JSON.
enum PublicAPI {
    static func add<Context: RequestContext>(to router: Router<Context>, ledger: LedgerStore?) {
        router.get("healthz") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: "ok")))
        }
        let api = router.group("api/v1")
        api.get("programmes") { _, _ in
            APIResponse.json(ProgrammesReport(programmes: ReliefProgramme.presetNames.compactMap(ReliefProgramme.preset(named:))).render(.json))
        }
        api.get("schedule") { request, _ in
            var parameters = Parameters(request.parameterValues)
            guard let (terms, rounding) = parameters.loanTerms() else { return APIResponse.problems(parameters.problems) }
            return try answer(&parameters) { ScheduleReport(schedule: try LoanQuoteWorkflow.schedule(terms, rounding: rounding)).render(.json) }
        }
        api.get("defer") { request, _ in
            var parameters = Parameters(request.parameterValues)
            let loan = parameters.loanTerms()
            let programme = parameters.programme()
            guard let (terms, rounding) = loan, let programme, parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            return try answer(&parameters) {
                DeferralReport(result: try LoanQuoteWorkflow.deferred(terms, programme: programme, rounding: rounding)).render(.json)
            }
        }
        api.get("estimate") { request, _ in
            var parameters = Parameters(request.parameterValues)
            let loan = parameters.loanTerms()
            let programme = parameters.programme()
            let bridgeDays = parameters.count("bridge_days") ?? 4
            let privateRate = parameters.value("private_daily_rate") { (text: String) throws(ParseError) in try Rate(parsing: text) }
                ?? BridgeTerms.privateDailyRate
            guard let (terms, rounding) = loan, let programme, parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            return try answer(&parameters) {
                EstimateReport(estimate: try LoanQuoteWorkflow.estimate(terms, programme: programme, bridgeDays: bridgeDays,
                                                                        privateDailyRate: privateRate, rounding: rounding)).render(.json)
            }
        }
        api.get("bridge/quote") { request, _ in
            var parameters = Parameters(request.parameterValues)
            let amount = parameters.value("amount", required: true) { (text: String) throws(ParseError) in try Money(parsing: text) }
            let from = parameters.value("from", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
            let to = parameters.value("to", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
            let dailyRate = parameters.value("daily_rate") { (text: String) throws(ParseError) in try Rate(parsing: text) }
            let commitment = parameters.value("commitment") { (text: String) throws(ParseError) in try Money(parsing: text) }
            let privateRate = parameters.value("private_daily_rate") { (text: String) throws(ParseError) in try Rate(parsing: text) }
                ?? BridgeTerms.privateDailyRate
            guard let amount, let from, let to, parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            return try answer(&parameters) {
                BridgeQuoteReport(comparison: try BridgeFundWorkflow.quote(amount: amount, from: from, to: to, dailyRate: dailyRate, commitment: commitment,
                                                                           privateDailyRate: privateRate,
                                                                           terms: try ledger.map(BridgeFundWorkflow.terms) ?? .seed())).render(.json)
            }
        }
    }

    /// The rendering `body` makes, or 400 with the rule it broke (a 16-day bridge, a rate over
    /// the cap): on the command line such input exits 65.
    static func answer(_ parameters: inout Parameters, _ body: () throws -> String) throws -> Response {
        do {
            return APIResponse.json(try body())
        } catch let violation as RuleViolation {
            parameters.problem(Parameters.field(of: violation), violation.message)
            return APIResponse.problems(parameters.problems)
        } catch let error as WorkflowError {
            parameters.problem("request", error.description)
            return APIResponse.problems(parameters.problems)
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
