import Hummingbird
import ReliefApp
import ReliefDomain
import ReliefLedger
import ReliefPresentation

/// The API routes behind a bearer token, each admitting the roles of SPEC.md's table; a bank
/// account sees only its own bank's loans, and another bank's loan does not exist for it (404,
/// not 403: existence is not disclosed).
enum ScopedAPI {
    static func add(to router: Router<ReliefRequestContext>, ledger: LedgerStore) {
        let api = router.group("api/v1").add(middleware: BearerAuthentication(ledger: ledger))
        api.get("loans") { request, context in
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
        api.get("loans/:id") { _, context in
            if let refusal = Access.require([.bank, .bureau], context) { return refusal }
            let notFound = APIResponse.problems([.init(field: "id", message: "no such loan")], status: .notFound)
            guard let text = context.parameters.get("id"), let id = try? LoanID(validating: text) else { return notFound }
            let detail: LoanWorkflow.Detail
            do { detail = try LoanWorkflow.show(ledger, id) } catch LedgerError.unknownLoan { return notFound }
            guard Scope(context.user).admits(bank: detail.record.bank) else { return notFound }
            return APIResponse.json(LoanDetailReport(detail: detail).render(.json))
        }
        api.get("ledger/check") { _, context in
            if let refusal = Access.require([.bureau], context) { return refusal }
            let report = try LedgerWorkflow.check(ledger)
            return APIResponse.json(JSONValue.object([
                ("ok", .bool(report.isClean)), ("invariants", .integer(report.checked.count)),
                ("problems", .array(report.violations.map(JSONValue.string))),
            ]).rendered())
        }
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
