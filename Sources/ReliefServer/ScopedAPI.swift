import Hummingbird
import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefInterchange
import ReliefLedger
import ReliefPresentation

/// The API routes behind a bearer token, each admitting the roles of SPEC.md's table; a bank
/// account sees only its own bank's loans, and another bank's loan does not exist for it (404,
/// not 403: existence is not disclosed). Each answers with the CLI's `--format json` object.
enum ScopedAPI {
    static func add(to router: some RouterMethods<ReliefRequestContext>, ledger: LedgerStore, state: ReliefWebServer.State) {
        let api = router.group("api/v1").add(middleware: BearerAuthentication(ledger: ledger))
        api.getBlocking("loans") { request, context in
            if let refusal = Access.require([.bank, .bureau], context) { return refusal }
            var parameters = Parameters(request.parameterValues)
            let page = parameters.count("page") ?? 1
            guard parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            guard page >= 1 else { return APIResponse.problems([.init(field: "page", message: "pages count from 1")]) }
            let scope = Scope(context.user)
            guard scope != .none else { return APIResponse.problems([.init(field: "authorization", message: "this account sees no loans")], status: .forbidden) }
            let (loans, total) = try LoanWorkflow.page(ledger, bank: scope.bank, query: parameters.values["q"], page: page)
            return APIResponse.json(JSONValue.object([
                ("loans", .array(loans.map { .object(LoanJSON.members($0)) })), ("total", .integer(total)), ("page", .integer(page)),
                ("per_page", .integer(LoanWorkflow.pageSize)),
            ]).rendered())
        }
        api.getBlocking("loans/:id") { _, context in
            if let refusal = Access.require([.bank, .bureau], context) { return refusal }
            let notFound = APIResponse.problems([.init(field: "id", message: "no such loan")], status: .notFound)
            guard let text = context.parameters.get("id"), let id = try? LoanID(validating: text) else { return notFound }
            let detail: LoanWorkflow.Detail
            do { detail = try LoanWorkflow.show(ledger, id) } catch LedgerError.unknownLoan { return notFound }
            guard Scope(context.user).admits(bank: detail.record.bank) else { return notFound }
            return APIResponse.json(LoanDetailReport(detail: detail).render(.json))
        }
        api.post("import") { request, context in
            if let refusal = Access.require([.bank, .bureau], context) { return refusal }
            var parameters = Parameters(request.parameterValues)
            let dryRun = parameters.flag("dry_run")
            let encoding = parameters.uploadEncoding()
            guard parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            return try await withBodyFile(request, named: parameters.values["name"], fallback: "upload", what: "file to import", state: state) { file in
                var importRequest = ImportWorkflow.Request(files: [file.path], dryRun: dryRun, encoding: encoding, today: try Today.resolve())
                importRequest.names = [file.path: file.name]
                importRequest.bank = Scope(context.user).bank
                importRequest.user = context.user?.name
                do {
                    let summary = try await Offload.run { [importRequest] in try ImportWorkflow.run(importRequest, ledger: { ledger }) }
                    return APIResponse.json(ImportReport(summary: summary).json().rendered())
                } catch let refusal as ImportWorkflow.Refusal {
                    return APIResponse.json(ImportReport(summary: refusal.summary).json().rendered(), status: .badRequest)
                }
            }
        }
        api.post("defer") { request, context in
            if let refusal = Access.require([.bank, .bureau], context) { return refusal }
            var parameters = Parameters(try await fields(request))
            let dryRun = parameters.flag("dry_run")
            guard let programme = parameters.programme(), parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            let summary = try await Offload.run {
                try PortfolioDeferralWorkflow.run(.init(programme: programme, dryRun: dryRun, bank: Scope(context.user).bank, user: context.user?.name), ledger: ledger)
            }
            return APIResponse.json(PortfolioDeferralReport(programme: programme, summary: summary).render(.json))
        }
        api.get("export/loanbook") { _, context in
            if let refusal = Access.require([.bureau], context) { return refusal }
            return LoanBookDownload.response(ledger)
        }
        api.getBlocking("export/:table") { request, context in
            if let refusal = Access.require([.bank, .bureau], context) { return refusal }
            let bank = Scope(context.user).bank
            guard let name = context.parameters.get("table"), let table = ExportWorkflow.Table(rawValue: name),
                  bank == nil || ExportWorkflow.bankTables.contains(table) else {
                return APIResponse.problems([.init(field: "table", message: "no such export")], status: .notFound)
            }
            return PageResponse.download(try ExportWorkflow.csv(table, ledger: ledger, bank: bank).text, name: "\(name).csv", contentType: "text/csv; charset=utf-8")
        }
        api.post("reconcile") { request, context in
            if let refusal = Access.require([.bank, .bureau], context) { return refusal }
            var parameters = Parameters(request.parameterValues)
            let encoding = parameters.uploadEncoding()
            guard parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            return try await withBodyFile(request, named: parameters.values["name"], fallback: "statement", what: "statement", state: state) { file in
                do {
                    let result = try await Offload.run { try ReconcileWorkflow.run(path: file.path, name: file.name, encoding: encoding, bank: Scope(context.user).bank, ledger: { ledger }) }
                    return APIResponse.json(ReconcileReport(file: result.file, statement: result.statement, stored: result.stored, report: result.report).json().rendered())
                } catch let failure as ImportFailure {
                    return APIResponse.json(ImportReport(summary: { var summary = ImportSummary(); summary.problems = failure.problems; return summary }()).json().rendered(),
                                            status: .badRequest)
                }
            }
        }
        api.getBlocking("bridge/report") { request, context in
            if let refusal = Access.require([.bureau], context) { return refusal }
            var parameters = Parameters(request.parameterValues)
            let from = parameters.value("from") { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
            let to = parameters.value("to") { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
            guard parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            do {
                return APIResponse.json(BridgeReportOutput(report: try BridgeFundWorkflow.report(ledger, from: from, to: try to ?? Today.resolve())).render(.json))
            } catch let error as WorkflowError {
                return APIResponse.problems([.init(field: "from", message: error.description)])
            }
        }
        api.getBlocking("bridge/advances") { _, context in
            if let refusal = Access.require([.bureau], context) { return refusal }
            return APIResponse.json(BridgeAdvancesReport(register: try BridgeFundWorkflow.register(ledger)).render(.json))
        }
        api.post("bridge/advance") { request, context in
            if let refusal = Access.require([.bureau], context) { return refusal }
            let (advance, problems) = BridgeRequests.advance(try await fields(request))
            guard let advance else { return APIResponse.problems(problems) }
            do {
                _ = try await Offload.run { try BridgeFundWorkflow.advance(ledger, advance, user: context.user?.name) }
            } catch let error as LedgerError where error.kind == .refused {
                return APIResponse.problems([.init(field: "amount", message: error.description)])
            }
            return try await Offload.run { try advanceAnswer(advance.id, ledger: ledger) }
        }
        api.post("bridge/repay") { request, context in
            if let refusal = Access.require([.bureau], context) { return refusal }
            let (repayment, problems) = BridgeRequests.repay(try await fields(request))
            guard let repayment else { return APIResponse.problems(problems) }
            do {
                _ = try await Offload.run { try BridgeFundWorkflow.repay(ledger, repayment.id, on: repayment.date, user: context.user?.name) }
            } catch let error as LedgerError where error.kind == .refused {
                return APIResponse.problems([.init(field: "id", message: error.description)])
            }
            return try await Offload.run { try advanceAnswer(repayment.id, ledger: ledger) }
        }
        api.getBlocking("ledger/check") { _, context in
            if let refusal = Access.require([.bureau], context) { return refusal }
            let report = try LedgerWorkflow.check(ledger)
            return APIResponse.json(JSONValue.object([
                ("ok", .bool(report.isClean)), ("invariants", .integer(report.checked.count)),
                ("problems", .array(report.violations.map(JSONValue.string))),
            ]).rendered())
        }
        api.getBlocking("firstloan/report") { request, context in
            if let refusal = Access.require([.coordinator, .bureau], context) { return refusal }
            var parameters = Parameters(request.parameterValues)
            let from = parameters.value("from") { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
            let to = parameters.value("to") { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
            let by = parameters.value("by") { (text: String) throws(ParseError) in
                guard let grouping = FirstLoanReport.Grouping(rawValue: text) else {
                    throw ParseError(input: text, kind: "grouping", reason: "expected bank, county or counsellor")
                }
                return grouping
            }
            guard parameters.problems.isEmpty else { return APIResponse.problems(parameters.problems) }
            return APIResponse.json(FirstLoanReportOutput(report: try FirstLoanWorkflow.report(ledger, from: from, to: try to ?? Today.resolve(), by: by)).render(.json))
        }
    }

    /// The request's body received as an uploaded file (named `name`, else `fallback`; no path
    /// of the client's), handed to `body`, then removed whatever happens; a body past the upload
    /// limit is 413 and an empty one 400, without calling `body`.
    static func withBodyFile(_ request: Request, named name: String?, fallback: String, what: String, state: ReliefWebServer.State,
                             _ body: (Upload.File) async throws -> Response) async throws -> Response {
        let upload: Upload
        do { upload = try await Upload.receiveBody(request, name: name ?? fallback, maxBytes: state.maxUploadBytes) } catch Upload.Failure.tooLarge {
            return APIResponse.problems([.init(field: "body", message: "the \(what) is over the upload limit of \(state.maxUploadBytes) bytes; nothing was written")],
                                        status: .contentTooLarge)
        }
        defer { upload.discard() }
        guard let file = upload.files.first, file.size > 0 else { return APIResponse.problems([.init(field: "body", message: "the request has no \(what)")]) }
        return try await body(file)
    }

    /// The advance `id` as `bridge list --format json` shows it: `{"advances":[that one]}`.
    static func advanceAnswer(_ id: AdvanceID, ledger: LedgerStore) throws -> Response {
        let register = try BridgeFundWorkflow.register(ledger)
        let one = BridgeRegister(capital: [], advances: register.advances.filter { $0.id == id })
        return APIResponse.json(BridgeAdvancesReport(register: one).render(.json))
    }

    /// A POST's fields: a JSON object of strings (a number is refused: no money travels as a
    /// float) or form fields; the query's parameters under them.
    static func fields(_ request: Request) async throws -> [String: String] {
        var request = request
        var values = request.parameterValues
        let body = try await request.collectBody(upTo: FormBody.limit)
        let text = String(buffer: body)
        if request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
            for (key, value) in try JSONFields.decode(text) { values[key] = value }
        } else {
            for (key, value) in FormBody.decode(text) { values[key] = value }
        }
        return values
    }
}

/// Which banks' data an account sees: all of them (the bureau), one (a bank account), or none
/// (anything else, including a bank account without its bank, which the ledger refuses to
/// store: the scope fails closed).
enum Scope: Equatable {
    case all, bank(String), none

    init(_ user: UserLedger.User?) {
        switch (user?.role, user?.bank) {
        case (.bureau?, _): self = .all
        case (.bank?, let bank?): self = .bank(bank)
        default: self = .none
        }
    }

    /// The bank to filter by; nil for all banks.
    var bank: String? { if case .bank(let name) = self { return name } else { return nil } }

    func admits(bank name: String) -> Bool {
        switch self {
        case .all: return true
        case .bank(let own): return own == name
        case .none: return false
        }
    }
}
