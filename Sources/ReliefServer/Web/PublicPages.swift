import Hummingbird
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger
import ReliefPresentation

/// The pages anyone may open (SPEC.md): the estimator, the schedule, the bridge quote and the
/// programmes. Each is a GET form whose inputs stay in the URL, so a result can be shared;
/// the figures are the API's, computed by the same code.
enum PublicPages {
    static func add(to router: some RouterMethods<ReliefRequestContext>, ledger: LedgerStore?) {
        router.get("/") { request, context in
            PageResponse.page("CreditRelief 信贷纾困", home(context.user), request: request, context: context)
        }
        router.get("estimate") { request, context in
            try quotePage("Estimate 测算", request, context, defaults: estimateDefaults, compute: PublicQuotes.estimate, result: estimateResult) { state, result in
                estimateForm(state) + result
            }
        }
        router.get("schedule") { request, context in
            try quotePage("Schedule 还款计划", request, context, defaults: loanDefaults, compute: PublicQuotes.schedule,
                          result: { "<h2>Schedule 还款计划</h2>" + JSONView.render($0.json(), key: "schedule") }) { state, result in
                """
                <h1>Repayment schedule 还款计划</h1><p>The exact schedule of one loan, to the fen.</p>\(FormView.errorSummary(state.problems))
                <form class="fields" method="get" action="/schedule">\(loanFields(state))\(FormView.submit("Show the schedule 生成还款计划"))</form>\(result)
                """
            }
        }
        router.get("bridge/quote") { request, context in
            try quotePage("Bridge quote 转贷报价", request, context, defaults: ["amount": "5000000.00", "from": "2020-03-02", "to": "2020-03-06"],
                          compute: { try PublicQuotes.bridgeQuote($0, ledger: ledger) },
                          result: { "<h2>Quote 报价</h2>" + JSONView.render($0.json(), key: "quote") }) { state, result in
                """
                <h1>Bridge fund quote 应急转贷报价</h1>
                <p>What the emergency bridge fund charges to repay a maturing loan before its renewal (at most 15 days, at most 0.08% a day), beside private bridge money.</p>
                \(FormView.errorSummary(state.problems))
                <form class="fields" method="get" action="/bridge/quote">
                \(FormView.input("amount", label: "Amount (CNY) 金额", hint: "e.g. 5000000.00", state))
                \(FormView.input("from", label: "Advance date 转贷日", hint: "YYYY-MM-DD", state))
                \(FormView.input("to", label: "Repayment date 归还日", hint: "YYYY-MM-DD; at most 15 days later", state))
                \(FormView.input("daily_rate", label: "Daily rate 日费率", hint: "optional, e.g. 0.05%; the fund's rate otherwise", state))
                \(FormView.input("private_daily_rate", label: "Private daily rate 民间日利率", hint: "optional, e.g. 0.2%", state))
                \(FormView.submit("Quote 报价"))</form>\(result)
                """
            }
        }
        router.get("programmes") { request, context in
            let body: HTML = "<h1>Relief programmes 纾困政策</h1><p>The built-in programmes a deferral or estimate can apply.</p>"
                + JSONView.render(PublicQuotes.programmes.json(), key: "programmes")
            return PageResponse.page("Programmes 政策", body, request: request, context: context)
        }
    }

    /// A quote page: without a query, the form filled with `defaults`; with one, the form as
    /// typed and either the report (`result`) or each problem beside its field (400).
    static func quotePage<Report>(_ title: String, _ request: Request, _ context: ReliefRequestContext, defaults: [String: String],
                                  compute: ([String: String]) throws -> PublicQuotes.Outcome<Report>, result: (Report) -> HTML,
                                  page: (FormState, HTML) -> HTML) throws -> Response {
        let values = request.parameterValues
        var state = FormState(values: values.isEmpty ? defaults : values)
        var shown: HTML = .empty
        if !values.isEmpty {
            switch try compute(values) {
            case .problems(let problems): state.problems = problems
            case .report(let report): shown = result(report)
            }
        }
        return PageResponse.page(title, page(state, shown), request: request, context: context, status: state.problems.isEmpty ? .ok : .badRequest)
    }

    static let loanDefaults = ["principal": "1000000.00", "rate": "4.35%", "start": "2019-07-15", "months": "12", "method": "annuity"]
    static let estimateDefaults = loanDefaults.merging(["programme": "2020", "bridge_days": "4"]) { first, _ in first }

    static func home(_ user: UserLedger.User?) -> HTML {
        var body: HTML = """
            <h1>CreditRelief 信贷纾困</h1>
            <p>The 2020 SME credit-relief policy, exact to the fen: deferral of principal and interest with penalty interest waived, renewal and extension, first-loan cultivation, and the emergency bridge fund.</p>
            <ul><li><a href="/estimate">Estimate what relief costs or saves for a loan 测算</a></li><li><a href="/schedule">A loan's repayment schedule 还款计划</a></li>
            <li><a href="/bridge/quote">A bridge fund quote 转贷报价</a></li><li><a href="/programmes">The relief programmes 政策</a></li></ul>
            """
        if user == nil { body += "<p>Bank staff, the bureau and first-loan coordinators: <a href=\"/signin\">sign in 登录</a>.</p>" }
        return body
    }

    /// A loan's terms, named as the API's parameters.
    static func loanFields(_ state: FormState) -> HTML {
        """
        \(FormView.input("principal", label: "Principal (CNY) 本金", hint: "e.g. 1000000.00", state))
        \(FormView.input("rate", label: "Annual rate 年利率", hint: "e.g. 4.35%", state))
        \(FormView.input("start", label: "Start date 起息日", hint: "YYYY-MM-DD", state))
        \(FormView.input("months", label: "Term in months 期限(月)", hint: "1 to 600", state))
        \(FormView.select("method", label: "Repayment method 还款方式", options: [("annuity", "Annuity 等额本息"), ("equal-principal", "Equal principal 等额本金"),
                                                                          ("interest-only", "Interest only 先息后本"), ("bullet", "Bullet 到期还本付息")], state))
        """
    }

    static func programmeOptions() -> [(value: String, label: String)] {
        ReliefProgramme.presetNames.map { ($0, $0) }
    }

    static func estimateForm(_ state: FormState) -> HTML {
        """
        <h1>Estimate 测算</h1>
        <p>What each way through the crisis costs one loan to maturity: paying on schedule, deferring under a programme, falling overdue without relief, the bridge fund, or private bridge money.</p>
        \(FormView.errorSummary(state.problems))
        <form class="fields" method="get" action="/estimate">\(loanFields(state))
        \(FormView.select("programme", label: "Programme 政策", options: programmeOptions(), state))
        \(FormView.input("bridge_days", label: "Bridge days 转贷天数", hint: "1 to 15", state))
        \(FormView.input("private_daily_rate", label: "Private daily rate 民间日利率", hint: "optional, e.g. 0.2%", state))
        \(FormView.submit("Estimate 测算"))</form>
        """
    }

    static func estimateResult(_ report: EstimateReport) -> HTML {
        let chart = SVGChart.bars(title: "Interest and fees by option (CNY) 各方案利息与费用",
                                  report.estimate.lines.map { ($0.option.rawValue.split(separator: "_").joined(separator: " "), $0.interestAndFees) })
        return "<h2>Result 结果</h2>" + HTML.trusted(chart) + JSONView.render(report.json(), key: "estimate")
    }
}
