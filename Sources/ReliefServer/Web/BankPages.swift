import Foundation
import Hummingbird
import HummingbirdAuth
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// The pages of a bank's staff (and the bureau, over every bank): loans, a loan, import with a
/// dry-run preview and a confirmation, portfolio deferral with a preview and a confirmation,
/// downloads. A bank account sees and changes only its own bank's loans.
enum BankPages {
    static let roles: Set<UserRole> = [.bank, .bureau]

    static func add(to router: some RouterMethods<ReliefRequestContext>, ledger: LedgerStore, state: ReliefWebServer.State) {
        router.getBlocking("loans") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            let values = request.parameterValues
            let query = values["q"].flatMap { $0.isEmpty ? nil : $0 }
            let page = values["page"].flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
            let (loans, total) = try LoanWorkflow.page(ledger, bank: PageAccess.scope(context).bank, query: query, page: page)
            return PageResponse.page("Loans 贷款", loansPage(loans, total: total, page: page, query: query ?? ""), request: request, context: context)
        }
        router.getBlocking("loans/:id") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            guard let text = context.parameters.get("id"), let id = try? LoanID(validating: text) else { return PageResponse.notFound(request, context) }
            let detail: LoanWorkflow.Detail
            do { detail = try LoanWorkflow.show(ledger, id) } catch LedgerError.unknownLoan { return PageResponse.notFound(request, context) }
            // Another bank's loan does not exist for a bank account (404, not 403).
            guard PageAccess.scope(context).admits(bank: detail.record.bank) else { return PageResponse.notFound(request, context) }
            let body: HTML = "<h1>Loan \(detail.record.id.rawValue) 贷款</h1><p><a href=\"/loans\">All loans 全部贷款</a></p>"
                + JSONView.render(LoanDetailReport(detail: detail).json(), key: "loan")
            return PageResponse.page("Loan \(detail.record.id.rawValue)", body, request: request, context: context)
        }
        router.getBlocking("import") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            return PageResponse.page("Import 导入", importForm(FormState(), chrome: PageResponse.chrome(request, context)), request: request, context: context)
        }
        router.post("import") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            let chrome = PageResponse.chrome(request, context)
            let upload: Upload
            do { upload = try await Upload.receive(request, maxBytes: state.maxUploadBytes) } catch let failure as Upload.Failure {
                return uploadRefusal(failure, limit: state.maxUploadBytes, request: request, context: context)
            }
            if let refusal = CSRFCheck.refusal(upload.fields, request, context) { upload.discard(); return refusal }
            let files = upload.files.filter { $0.size > 0 }
            guard !files.isEmpty else {
                upload.discard()
                let state = FormState(problems: [FieldProblem(field: "file", message: "Choose a file to import 请选择要导入的文件")])
                return PageResponse.page("Import 导入", importForm(state, chrome: chrome), request: request, context: context, status: .badRequest)
            }
            let encoding = upload.fields["encoding"].flatMap { $0.isEmpty ? nil : $0 }
            let outcome: Result<ImportSummary, ImportWorkflow.Refusal>
            do {
                outcome = try await Offload.run { try runImport(upload, encoding: encoding, dryRun: true, ledger: ledger, context: context) }
            } catch {
                upload.discard()  // a busy ledger (503) or a failure: nothing is kept
                throw error
            }
            guard case .success(let summary) = outcome, summary.problems.isEmpty else {
                upload.discard()
                return importPreview(outcome, pendingID: nil, request: request, context: context)
            }
            let id = await state.pendingUploads.keep(upload, owner: context.user?.name ?? "", encoding: encoding)
            return importPreview(outcome, pendingID: id, request: request, context: context)
        }
        router.post("import/confirm") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            var request = request
            let form = try await FormBody.fields(&request)
            if let refusal = CSRFCheck.refusal(form, request, context) { return refusal }
            guard let id = form["upload"], let pending = await state.pendingUploads.take(id, owner: context.user?.name ?? "") else {
                return PageResponse.message(status: .notFound, title: "Upload expired 上传已过期",
                                            text: "This preview is no longer kept (an hour at most, and once imported). Upload the file again.", request: request, context: context)
            }
            defer { pending.upload.discard() }
            let (upload, encoding) = (pending.upload, pending.encoding)
            let outcome = try await Offload.run { try runImport(upload, encoding: encoding, dryRun: false, ledger: ledger, context: context) }
            return importResult(outcome, request: request, context: context)
        }
        router.getBlocking("defer") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            return PageResponse.page("Defer 延期", deferForm(FormState(values: ["programme": "2020"]), chrome: PageResponse.chrome(request, context)),
                                     request: request, context: context)
        }
        router.post("defer") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            var request = request
            let form = try await FormBody.fields(&request)
            if let refusal = CSRFCheck.refusal(form, request, context) { return refusal }
            return try await Offload.run { [request] in
                let chrome = PageResponse.chrome(request, context)
                var parameters = Parameters(form)
                guard let programme = parameters.programme() else {
                    return PageResponse.page("Defer 延期", deferForm(FormState(values: form, problems: parameters.problems), chrome: chrome),
                                             request: request, context: context, status: .badRequest)
                }
                let confirmed = form["confirm"] == "yes"
                let summary = try PortfolioDeferralWorkflow.run(.init(programme: programme, dryRun: !confirmed, bank: PageAccess.scope(context).bank, user: context.user?.name),
                                                                ledger: ledger)
                let report = PortfolioDeferralReport(programme: programme, summary: summary)
                var body: HTML = confirmed
                    ? "<h1>Deferred 已延期</h1><p class=\"ok\">Programme \(programme.name) applied\(scopeText(context)).</p>"
                    : "<h1>Preview 预览</h1><p class=\"notice\">Nothing is written yet: this is what applying programme \(programme.name)\(scopeText(context)) would do.</p>"
                body += JSONView.render(report.json(), key: "deferral")
                if !confirmed {
                    body += """
                        <form method="post" action="/defer">\(chrome.csrfField)\(FormView.hidden("programme", programme.name))\(FormView.hidden("confirm", "yes"))\(FormView.submit("Confirm the deferral 确认延期"))</form>
                        <p><a href="/defer">Choose another programme 重新选择</a></p>
                        """
                }
                return PageResponse.page(confirmed ? "Deferred 已延期" : "Preview 预览", body, request: request, context: context)
            }
        }
        router.getBlocking("export") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            let tables = PageAccess.scope(context).bank == nil ? ExportWorkflow.Table.allCases : ExportWorkflow.bankTables
            var links: [HTML] = tables.map { "<li><a href=\"/export/\($0.rawValue).csv\" download>\($0.rawValue).csv</a></li>" }
            if PageAccess.scope(context) == .all {
                links.append("<li><a href=\"/export/loanbook.xml\" download>loanbook.xml</a> (the whole ledger, for a backup or another system 整个账簿)</li>")
            }
            let body: HTML = """
                <h1>Downloads 导出</h1><p>CSV files (UTF-8, RFC 4180) of \(scopeText(context).isEmpty ? "every bank" : "your bank")'s records, as <code>relief export</code> writes them.</p><ul>\(links)</ul>
                """
            return PageResponse.page("Export 导出", body, request: request, context: context)
        }
        router.get("export/loanbook.xml") { request, context in
            if let refusal = PageAccess.require([.bureau], request, context) { return refusal }
            return LoanBookDownload.response(ledger)
        }
        router.getBlocking("export/:file") { request, context in
            if let refusal = PageAccess.require(roles, request, context) { return refusal }
            guard let file = context.parameters.get("file"), file.hasSuffix(".csv"), let table = ExportWorkflow.Table(rawValue: String(file.dropLast(4))) else {
                return PageResponse.notFound(request, context)
            }
            let bank = PageAccess.scope(context).bank
            guard bank == nil || ExportWorkflow.bankTables.contains(table) else { return PageResponse.notFound(request, context) }
            return PageResponse.download(try ExportWorkflow.csv(table, ledger: ledger, bank: bank).text, name: file, contentType: "text/csv; charset=utf-8")
        }
    }

    /// " for BANK" for a bank account, empty for the bureau.
    static func scopeText(_ context: ReliefRequestContext) -> String {
        PageAccess.scope(context).bank.map { " for \($0)" } ?? ""
    }

    /// The import of an upload's files (the names the browser gave, never the server's paths),
    /// as the acting account may do it.
    static func runImport(_ upload: Upload, encoding: String?, dryRun: Bool, ledger: LedgerStore,
                          context: ReliefRequestContext) throws -> Result<ImportSummary, ImportWorkflow.Refusal> {
        let files = upload.files.filter { $0.size > 0 }
        var request = ImportWorkflow.Request(files: files.map(\.path), dryRun: dryRun, encoding: encoding.flatMap { try? TextEncoding(parsing: $0) },
                                             today: try Today.resolve())
        request.names = Dictionary(files.map { ($0.path, $0.name) }, uniquingKeysWith: { first, _ in first })
        request.bank = PageAccess.scope(context).bank
        request.user = context.user?.name
        do {
            return .success(try ImportWorkflow.run(request, ledger: { ledger }))
        } catch let refusal as ImportWorkflow.Refusal {
            return .failure(refusal)
        }
    }

    static func importForm(_ state: FormState, chrome: PageChrome) -> HTML {
        """
        <h1>Import 导入</h1>
        <p>Upload loan or repayment files (CSV, as <code>relief import</code> reads them). You see a preview with every problem by file, line and field first; nothing is written until you confirm.</p>
        \(FormView.errorSummary(state.problems))
        <form class="fields" method="post" action="/import" enctype="multipart/form-data">\(chrome.csrfField)
        \(FormView.file("file", label: "File 文件", hint: "a loan CSV or a repayment CSV", state))
        \(FormView.select("encoding", label: "Encoding 编码", hint: "detected when left on automatic", options: [("", "automatic 自动"), ("utf-8", "UTF-8"), ("gb18030", "GB18030/GBK")], state))
        \(FormView.submit("Preview 预览"))</form>
        """
    }

    static func problemsTable(_ problems: [ImportProblem]) -> HTML {
        let rows: [HTML] = problems.map { problem in
            "<tr><td data-field=\"file\">\(problem.file)</td><td class=\"n\" data-field=\"line\">\(problem.line)</td><td data-field=\"field\">\(problem.field ?? "")</td><td data-field=\"message\">\(problem.message)</td></tr>"
        }
        return """
            <table data-key="problems"><thead><tr><th>File 文件</th><th>Line 行</th><th>Field 字段</th><th>Problem 问题</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    static func importPreview(_ outcome: Result<ImportSummary, ImportWorkflow.Refusal>, pendingID: String?, request: Request, context: ReliefRequestContext) -> Response {
        let chrome = PageResponse.chrome(request, context)
        switch outcome {
        case .failure(let refusal):
            let count = refusal.summary.problems.count
            let body: HTML = """
                <h1>Problems found 发现问题</h1>
                <div class="error-summary" role="alert"><h2>\(count) problem\(count == 1 ? "" : "s"); nothing was imported 未导入任何记录</h2></div>
                \(problemsTable(refusal.summary.problems))\(importForm(FormState(), chrome: chrome))
                """
            return PageResponse.page("Import problems 导入问题", body, request: request, context: context, status: .badRequest)
        case .success(let summary):
            let body: HTML = """
                <h1>Preview 预览</h1><p class="notice">Nothing is written yet. Importing would record:</p>\(JSONView.render(ImportReport(summary: summary).json(), key: "import"))
                <form method="post" action="/import/confirm">\(chrome.csrfField)\(FormView.hidden("upload", pendingID ?? ""))\(FormView.submit("Confirm the import 确认导入"))</form>
                <p><a href="/import">Upload another file 重新上传</a></p>
                """
            return PageResponse.page("Import preview 导入预览", body, request: request, context: context)
        }
    }

    static func importResult(_ outcome: Result<ImportSummary, ImportWorkflow.Refusal>, request: Request, context: ReliefRequestContext) -> Response {
        switch outcome {
        case .failure:
            return importPreview(outcome, pendingID: nil, request: request, context: context)
        case .success(let summary):
            let body: HTML = "<h1>Imported 已导入</h1><p class=\"ok\">\(summary.imported) records imported, \(summary.duplicates) already there.</p>"
                + JSONView.render(ImportReport(summary: summary).json(), key: "import") + "<p><a href=\"/loans\">See the loans 查看贷款</a></p>"
            return PageResponse.page("Imported 已导入", body, request: request, context: context)
        }
    }

    static func uploadRefusal(_ failure: Upload.Failure, limit: Int, request: Request, context: ReliefRequestContext) -> Response {
        switch failure {
        case .tooLarge:
            return PageResponse.message(status: .contentTooLarge, title: "File too large 文件过大",
                                        text: "An upload may hold at most \(limit) bytes; nothing was imported.", request: request, context: context)
        case .unwritable:
            return PageResponse.message(status: .internalServerError, title: "Upload not stored 上传未保存",
                                        text: "The server could not store the upload (is its disk full?); nothing was imported.", request: request, context: context)
        case .cutShort:
            return PageResponse.message(status: .badRequest, title: "Upload incomplete 上传不完整",
                                        text: "The upload ended before its last part did (was it cut short?); nothing was imported. Upload the file again.",
                                        request: request, context: context)
        case .notMultipart, .malformed:
            return PageResponse.message(status: .badRequest, title: "Not an upload 上传无效",
                                        text: "The form did not arrive as a file upload (multipart/form-data); nothing was imported.", request: request, context: context)
        }
    }

    static func deferForm(_ state: FormState, chrome: PageChrome) -> HTML {
        """
        <h1>Portfolio deferral 批量延期</h1>
        <p>Apply a relief programme to every eligible loan\(chrome.account?.bank.map { " of \($0)" } ?? ""). You see the totals first; nothing is written until you confirm.</p>
        \(FormView.errorSummary(state.problems))
        <form class="fields" method="post" action="/defer">\(chrome.csrfField)
        \(FormView.select("programme", label: "Programme 政策", hint: "see Programmes for what each covers", options: PublicPages.programmeOptions(), state))
        \(FormView.submit("Preview 预览"))</form>
        """
    }

    static func loansPage(_ loans: [LoanRecord], total: Int, page: Int, query: String) -> HTML {
        let rows: [HTML] = loans.map { loan in
            """
            <tr><td data-field="loan_id"><a href="/loans/\(WebPage.percentEncoded(loan.id.rawValue))">\(loan.id.rawValue)</a></td><td data-field="borrower">\(loan.enterprise.name)</td>
            <td data-field="credit_code">\(loan.enterprise.code.value)</td><td data-field="bank">\(loan.bank)</td>
            <td class="n" data-field="principal" data-value="\(loan.terms.principal.description)">\(loan.terms.principal.formatted(grouped: true))</td>
            <td class="n" data-field="rate">\(loan.terms.annualRate.percentString())</td><td data-field="start">\(loan.terms.start.description)</td><td class="n" data-field="months">\(loan.terms.termMonths)</td></tr>
            """
        }
        let pages = max(1, (total + LoanWorkflow.pageSize - 1) / LoanWorkflow.pageSize)
        let q = WebPage.percentEncoded(query)
        let previous: HTML = page > 1 ? "<a rel=\"prev\" href=\"/loans?q=\(q)&amp;page=\(page - 1)\">Previous 上一页</a> " : .empty
        let next: HTML = page < pages ? " <a rel=\"next\" href=\"/loans?q=\(q)&amp;page=\(page + 1)\">Next 下一页</a>" : .empty
        let table: HTML = loans.isEmpty ? "<p data-key=\"loans\">No loans 无贷款</p>" : """
            <table data-key="loans"><thead><tr><th>Loan 贷款编号</th><th>Borrower 借款企业</th><th>Credit code 统一社会信用代码</th><th>Bank 银行</th><th>Principal 本金</th><th>Rate 年利率</th><th>Start 起息日</th><th>Months 期限</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return """
            <h1>Loans 贷款</h1>
            <form class="fields" method="get" action="/loans"><div class="field"><label for="field-q">Search 搜索</label><span class="hint">loan id, borrower or credit code</span>
            <input id="field-q" name="q" type="search" value="\(query)"></div>\(FormView.submit("Search 搜索"))</form>
            <p><span data-key="total">\(total)</span> loans; page \(page) of \(pages). \(previous)\(next)</p>\(table)
            """
    }
}
