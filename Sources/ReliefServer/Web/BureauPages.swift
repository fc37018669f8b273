import Hummingbird
import HummingbirdAuth
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// The bureau's pages (and the coordinators' first-loan page): the bridge fund with its forms,
/// reconciliation of an uploaded statement, the report, the ledger check, first-loan KPIs and
/// stage moves.
enum BureauPages {
    static func add(to router: some RouterMethods<ReliefRequestContext>, ledger: LedgerStore, state: ReliefWebServer.State) {
        router.getBlocking("fund") { request, context in
            if let refusal = PageAccess.require([.bureau], request, context) { return refusal }
            return try fundPage(ledger: ledger, forms: [:], request: request, context: context)
        }
        fundForm(router, "advance", ledger: ledger, refusedField: "amount", read: BridgeRequests.advance) { advance, user in
            _ = try BridgeFundWorkflow.advance(ledger, advance, user: user)
        }
        fundForm(router, "repay", ledger: ledger, refusedField: "id", read: BridgeRequests.repay) { repayment, user in
            _ = try BridgeFundWorkflow.repay(ledger, repayment.id, on: repayment.date, user: user)
        }
        fundForm(router, "capital", ledger: ledger, refusedField: "amount", read: capitalMovement) { movement, user in
            _ = try BridgeFundWorkflow.fund(ledger, account: nil, accountName: nil, capital: movement, user: user)
        }
        router.getBlocking("reconcile") { request, context in
            if let refusal = PageAccess.require([.bank, .bureau], request, context) { return refusal }
            return PageResponse.page("Reconcile 对账", reconcileForm(FormState(), chrome: PageResponse.chrome(request, context)), request: request, context: context)
        }
        router.post("reconcile") { request, context in
            if let refusal = PageAccess.require([.bank, .bureau], request, context) { return refusal }
            let chrome = PageResponse.chrome(request, context)
            let upload: Upload
            do { upload = try await Upload.receive(request, maxBytes: state.maxUploadBytes) } catch let failure as Upload.Failure {
                return BankPages.uploadRefusal(failure, limit: state.maxUploadBytes, request: request, context: context)
            }
            defer { upload.discard() }
            if let refusal = CSRFCheck.refusal(upload.fields, request, context) { return refusal }
            guard let file = upload.files.first(where: { $0.size > 0 }) else {
                let form = FormState(problems: [FieldProblem(field: "file", message: "Choose a statement file 请选择对账单文件")])
                return PageResponse.page("Reconcile 对账", reconcileForm(form, chrome: chrome), request: request, context: context, status: .badRequest)
            }
            let encoding = upload.fields["encoding"].flatMap { try? TextEncoding(parsing: $0) }
            do {
                let result = try await Offload.run { try ReconcileWorkflow.run(path: file.path, name: file.name, encoding: encoding, bank: PageAccess.scope(context).bank, ledger: { ledger }) }
                let report = ReconcileReport(file: result.file, statement: result.statement, stored: result.stored, report: result.report)
                let body: HTML = "<h1>Reconciliation 对账结果</h1>" + JSONView.render(report.json(), key: "reconcile") + reconcileForm(FormState(), chrome: chrome)
                return PageResponse.page("Reconciliation 对账结果", body, request: request, context: context)
            } catch let failure as ImportFailure {
                let body: HTML = "<h1>Problems found 发现问题</h1><div class=\"error-summary\" role=\"alert\"><h2>The statement could not be read; nothing was stored 未保存</h2></div>"
                    + BankPages.problemsTable(failure.problems) + reconcileForm(FormState(), chrome: chrome)
                return PageResponse.page("Reconcile problems 对账问题", body, request: request, context: context, status: .badRequest)
            }
        }
        router.getBlocking("report") { request, context in
            if let refusal = PageAccess.require([.bureau], request, context) { return refusal }
            let data = try ReportWorkflow.gather(ledger, from: nil, to: try Today.resolve())
            return PageResponse.html(HTMLReport(data).render())
        }
        router.getBlocking("ledger/check") { request, context in
            if let refusal = PageAccess.require([.bureau], request, context) { return refusal }
            let report = try LedgerWorkflow.check(ledger)
            let verdict: HTML = report.isClean
                ? "<p class=\"ok\" data-key=\"ok\">The ledger is consistent: \(report.checked.count) invariants hold. 账簿一致</p>"
                : "<p class=\"bad\" data-key=\"ok\">\(report.violations.count) problems found. 发现问题</p>"
            let checked: [HTML] = report.checked.map { "<li>\($0.invariant) (\($0.rows) rows)</li>" }
            let problems: [HTML] = report.violations.map { "<li>\($0)</li>" }
            let body: HTML = "<h1>Ledger check 账簿检查</h1>\(verdict)" + (problems.isEmpty ? .empty : "<h2>Problems 问题</h2><ul data-key=\"problems\">\(problems)</ul>")
                + "<h2>Invariants checked 检查项</h2><ul data-key=\"invariants\">\(checked)</ul>"
            return PageResponse.page("Ledger check 账簿检查", body, request: request, context: context)
        }
        router.getBlocking("firstloan") { request, context in
            if let refusal = PageAccess.require([.coordinator, .bureau], request, context) { return refusal }
            return try firstLoanPage(ledger: ledger, form: FormState(), request: request, context: context)
        }
        router.post("firstloan/move") { request, context in
            if let refusal = PageAccess.require([.coordinator, .bureau], request, context) { return refusal }
            var request = request
            let form = try await FormBody.fields(&request)
            if let refusal = CSRFCheck.refusal(form, request, context) { return refusal }
            return try await Offload.run { [request] in
                var parameters = Parameters(form)
                let code = parameters.value("enterprise", required: true) { (text: String) throws(ParseError) in
                    do { return try CreditCode(validating: text) } catch { throw ParseError(input: text, kind: "credit code", reason: "\(error)") }
                }
                let stage = parameters.value("stage", required: true) { (text: String) throws(ParseError) in
                    guard let stage = CultivationStage(rawValue: text) else { throw ParseError(input: text, kind: "stage", reason: "expected one of \(CultivationStage.allCases.map(\.rawValue).joined(separator: ", "))") }
                    return stage
                }
                let date = parameters.value("date", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
                let bank = form["bank"].flatMap { $0.isEmpty ? nil : $0 }
                guard let code, let stage, let date else {
                    return try firstLoanPage(ledger: ledger, form: FormState(values: form, problems: parameters.problems), request: request, context: context)
                }
                do {
                    _ = try FirstLoanWorkflow.move(ledger, code, to: stage, on: date, bank: bank)
                } catch let error as LedgerError where error.kind == .refused {
                    return try firstLoanPage(ledger: ledger, form: FormState(values: form, problems: [FieldProblem(field: "stage", message: error.description)]),
                                             request: request, context: context)
                }
                return PageResponse.redirect(to: "/firstloan")
            }
        }
    }

    /// One of the fund page's forms (`POST /fund/NAME`): the bureau only, its CSRF token checked
    /// before anything else; `read` makes the request of its fields, `write` records it as the
    /// signed-in account's. Problems and refusals come back beside the form's fields, with what
    /// was typed; success returns to /fund.
    static func fundForm<Write: Sendable>(_ router: some RouterMethods<ReliefRequestContext>, _ name: String, ledger: LedgerStore, refusedField: String,
                                          read: @escaping @Sendable ([String: String]) -> (Write?, [FieldProblem]),
                                          write: @escaping @Sendable (Write, String?) throws -> Void) {
        router.post(RouterPath("fund/" + name)) { request, context in
            if let refusal = PageAccess.require([.bureau], request, context) { return refusal }
            var request = request
            let form = try await FormBody.fields(&request)
            if let refusal = CSRFCheck.refusal(form, request, context) { return refusal }
            return try await Offload.run { [request] in
                let (value, problems) = read(form)
                var refusal: String?
                if let value {
                    do { try write(value, context.user?.name) } catch let error as WorkflowError {
                        refusal = error.description
                    } catch let error as LedgerError where error.kind == .refused {
                        refusal = error.description
                    }
                    if refusal == nil { return PageResponse.redirect(to: "/fund") }
                }
                let shown = refusal.map { [FieldProblem(field: refusedField, message: $0)] } ?? problems
                return try fundPage(ledger: ledger, forms: [name: FormState(values: form, problems: shown)], request: request, context: context)
            }
        }
    }

    /// A capital movement from the capital form's `amount` (negative to withdraw), `date` and `reference`.
    static func capitalMovement(_ form: [String: String]) -> (BridgeFundWorkflow.CapitalMovement?, [FieldProblem]) {
        var parameters = Parameters(form)
        let amount = parameters.value("amount", required: true) { (text: String) throws(ParseError) in try Money(parsing: text) }
        let date = parameters.value("date", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        guard let amount, let date else { return (nil, parameters.problems) }
        return (.init(amount: amount, date: date, reference: form["reference"].flatMap { $0.isEmpty ? nil : $0 }), [])
    }

    static func fundPage(ledger: LedgerStore, forms: [String: FormState], request: Request, context: ReliefRequestContext) throws -> Response {
        let chrome = PageResponse.chrome(request, context)
        let dashboard = try BridgeFundWorkflow.dashboard(ledger, to: try Today.resolve())
        let form = { (name: String) in forms[name] ?? FormState() }
        let problems = forms.values.flatMap(\.problems)
        let chart: HTML = dashboard.days.isEmpty ? "<p>No fund movements yet. 暂无资金变动</p>" : .trusted(SVGChart.lines(
            title: "Fund cash and advances outstanding (CNY) 基金现金与在贷余额", dates: dashboard.days.map(\.date),
            series: [("Fund cash 基金现金", "#2f6db5", dashboard.days.map(\.cash)), ("Outstanding 在贷", "#c0392b", dashboard.days.map(\.outstanding))]))
        let body: HTML = """
            <h1>Bridge fund 应急转贷基金</h1>\(FormView.errorSummary(problems))\(chart)
            \(JSONView.render(BridgeReportOutput(report: dashboard.report).json(), key: "fund"))
            <h2>Record an advance 登记转贷</h2>
            <form class="fields" method="post" action="/fund/advance">\(chrome.csrfField)
            \(FormView.input("id", label: "Advance id 转贷编号", form("advance")))\(FormView.input("enterprise", label: "Credit code 统一社会信用代码", form("advance")))
            \(FormView.input("name", label: "Enterprise name 企业名称", hint: "when new to the ledger", form("advance")))\(FormView.input("bank", label: "Bank 银行", form("advance")))
            \(FormView.input("county", label: "County 县区", form("advance")))\(FormView.input("amount", label: "Amount (CNY) 金额", form("advance")))
            \(FormView.input("date", label: "Advance date 转贷日", hint: "YYYY-MM-DD", form("advance")))\(FormView.input("loan", label: "Maturing loan 到期贷款", hint: "optional", form("advance")))
            \(FormView.input("commitment", label: "Renewal commitment 续贷承诺", hint: "optional amount", form("advance")))\(FormView.input("daily_rate", label: "Daily rate 日费率", hint: "optional; the cap otherwise", form("advance")))
            \(FormView.submit("Record the advance 登记"))</form>
            <h2>Record a repayment 登记归还</h2>
            <form class="fields" method="post" action="/fund/repay">\(chrome.csrfField)
            \(FormView.input("id", label: "Advance id 转贷编号", form("repay")))\(FormView.input("date", label: "Repayment date 归还日", hint: "YYYY-MM-DD", form("repay")))
            \(FormView.submit("Record the repayment 登记归还"))</form>
            <h2>Record capital 登记资本金</h2>
            <form class="fields" method="post" action="/fund/capital">\(chrome.csrfField)
            \(FormView.input("amount", label: "Amount (CNY) 金额", hint: "negative to withdraw", form("capital")))\(FormView.input("date", label: "Date 日期", hint: "YYYY-MM-DD", form("capital")))
            \(FormView.input("reference", label: "Reference 备注", hint: "optional", form("capital")))\(FormView.submit("Record capital 登记"))</form>
            <h2>Advances 转贷明细</h2>\(JSONView.render(BridgeAdvancesReport(register: dashboard.register).json(), key: "register"))
            """
        return PageResponse.page("Bridge fund 转贷基金", body, request: request, context: context, status: problems.isEmpty ? .ok : .badRequest)
    }

    static func reconcileForm(_ state: FormState, chrome: PageChrome) -> HTML {
        """
        <h2>Upload a statement 上传对账单</h2>
        <p>A camt.053 or camt.054 file, or a bank's CSV statement: its entries are stored and matched against the ledger's events.</p>
        \(FormView.errorSummary(state.problems))
        <form class="fields" method="post" action="/reconcile" enctype="multipart/form-data">\(chrome.csrfField)
        \(FormView.file("file", label: "Statement 对账单", state))
        \(FormView.select("encoding", label: "Encoding 编码", hint: "detected when left on automatic", options: [("", "automatic 自动"), ("utf-8", "UTF-8"), ("gb18030", "GB18030/GBK")], state))
        \(FormView.submit("Reconcile 对账"))</form>
        """
    }

    static func firstLoanPage(ledger: LedgerStore, form: FormState, request: Request, context: ReliefRequestContext) throws -> Response {
        let chrome = PageResponse.chrome(request, context)
        let report = try FirstLoanWorkflow.report(ledger, from: nil, to: try Today.resolve(), by: .bank)
        let totals = report.totals
        let chart: HTML = totals.underCultivation == 0 ? "<p>No enterprise under cultivation yet. 暂无培植企业</p>" : .trusted(SVGChart.bars(
            title: "Firms reaching each stage 各阶段企业数", CultivationStage.pipeline.map { ($0.rawValue, Money(yuan: Int64(totals.reached($0)))) }))
        let body: HTML = """
            <h1>First-loan cultivation 首贷培植</h1>\(FormView.errorSummary(form.problems))\(chart)
            \(JSONView.render(FirstLoanReportOutput(report: report).json(), key: "firstloan"))
            <h2>Move a firm to a stage 更新阶段</h2>
            <form class="fields" method="post" action="/firstloan/move">\(chrome.csrfField)
            \(FormView.input("enterprise", label: "Credit code 统一社会信用代码", form))
            \(FormView.select("stage", label: "Stage 阶段", options: CultivationStage.allCases.map { ($0.rawValue, $0.rawValue) }, form))
            \(FormView.input("date", label: "Date 日期", hint: "YYYY-MM-DD", form))\(FormView.input("bank", label: "Bank 银行", hint: "the lending bank, for approved and disbursed", form))
            \(FormView.submit("Move 更新"))</form>
            """
        return PageResponse.page("First loans 首贷培植", body, request: request, context: context, status: form.problems.isEmpty ? .ok : .badRequest)
    }
}
