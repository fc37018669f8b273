import ReliefPresentation

/// `GET /api/v1/openapi.json`: every API route (OpenAPI 3.1) with its parameters, who may call
/// it, and the schema of each answer naming its required keys (`additionalProperties: false`:
/// a key added to an answer must be documented here first). A test compares these routes with
/// the router's and validates real answers against the schemas.
enum OpenAPIDocument {
    /// One documented route.
    struct Route: Sendable {
        let method: String
        let path: String
        let summary: String
        /// Roles that may call it; empty: anyone (no token needed).
        let roles: [String]
        let parameters: [String]
        let answer: JSONValue
        /// The answer's media type when it is not JSON.
        let mediaType: String?

        init(_ method: String, _ path: String, _ summary: String, roles: [String] = [], parameters: [String] = [], answer: JSONValue,
             mediaType: String? = nil) {
            self.method = method
            self.path = path
            self.summary = summary
            self.roles = roles
            self.parameters = parameters
            self.answer = answer
            self.mediaType = mediaType
        }
    }

    // Schema pieces.
    static let string: JSONValue = .object([("type", .string("string"))])
    static let integer: JSONValue = .object([("type", .string("integer"))])
    static let boolean: JSONValue = .object([("type", .string("boolean"))])
    static let nullableString: JSONValue = .object([("type", .array([.string("string"), .string("null")]))])
    static let nullableInteger: JSONValue = .object([("type", .array([.string("integer"), .string("null")]))])

    static func array(_ items: JSONValue) -> JSONValue { .object([("type", .string("array")), ("items", items)]) }

    /// An object with exactly these keys, `optional` ones allowed but not required.
    static func object(_ properties: [(String, JSONValue)], optional: [(String, JSONValue)] = [], closed: Bool = true) -> JSONValue {
        .object([("type", .string("object")), ("required", .array(properties.map { .string($0.0) })),
                 ("additionalProperties", .bool(!closed)), ("properties", .object(properties + optional))])
    }

    static func strings(_ names: [String]) -> [(String, JSONValue)] { names.map { ($0, string) } }

    static let problems = object([("problems", array(object([("file", nullableString), ("line", nullableInteger), ("field", nullableString),
                                                                ("message", string)])))])
    static let installment = object(strings(["period"]).map { ($0.0, integer) } + strings(["due_date"]) + [("days", integer)]
                                    + strings(["principal", "interest", "payment", "balance"]))
    static let schedule = object([("installments", array(installment)), ("totals", object(strings(["principal", "interest", "payment"])))])
    static let deferral = object([("programme", string),
                                  ("installments", array(object(strings(["due_date"]) + [("period", integer), ("days", integer)]
                                                                + strings(["principal", "interest", "payment", "balance"]) + [("deferred", boolean)],
                                                                optional: strings(["deferred_principal", "deferred_interest"]))))]
                                 + strings(["deferral_date", "deferred_principal", "deferred_interest", "interest_on_deferred_principal",
                                            "compound_on_deferred_interest", "penalty_interest_without_relief", "compound_interest_without_relief", "relief"]))
    static let estimate = object([("options", array(object(strings(["option", "interest_and_fees", "saving_vs_overdue", "advice"])))),
                                  ("renewal", object(strings(["renewed_on", "principal_settled", "accrued_interest_settled", "advice"])))])
    static let bridgeQuote = object(strings(["amount", "from", "to"]) + [("days", integer), ("daily_rate", nullableString), ("daily_rate_cap", string),
                                                                         ("fee_basis", string), ("tiers", nullableString)]
                                    + strings(["fee", "fee_at_old_rate", "fee_private", "saving_vs_private"]))
    static let programmes = object([("programmes", array(object(strings(["name", "title", "from", "until", "deferral_date"])
                                                                + [("sizes", array(string)), ("credit_line_cap", nullableString), ("penalty_uplift", string),
                                                                   ("maturing_from", nullableString), ("maturing_until", nullableString)])))])
    static let loanMembers: [(String, JSONValue)] = strings(["loan_id", "borrower", "credit_code", "size", "county", "bank", "principal", "rate", "start"])
        + [("months", integer)] + strings(["method", "day_count"]) + [("credit_line", nullableString), ("applied", nullableString)]
    static let loans = object([("loans", array(object(loanMembers))), ("total", integer), ("page", integer), ("per_page", integer)])
    static let loan = object(loanMembers + [
        ("imported", .object([("type", .array([.string("object"), .string("null")])), ("required", .array([.string("source"), .string("on")])),
                              ("additionalProperties", .bool(false)), ("properties", .object(strings(["source", "on"])))])),
        ("installments", array(object([("period", integer), ("days", integer)] + strings(["due_date", "principal", "interest", "payment", "balance",
                                                                                           "original_due_date"]) + [("deferred", boolean)]))),
        ("deferrals", array(object(strings(["programme", "deferral_date", "deferred_principal", "deferred_interest", "interest_on_deferred_principal",
                                            "relief"])))),
    ])
    static let importAnswer = object([("imported", integer), ("duplicates", integer), ("skipped", integer),
                                      ("problems", array(object([("file", string), ("line", integer), ("field", nullableString), ("message", string)])))])
    static let uploadProblems = object([("problems", array(object([("file", nullableString), ("line", nullableInteger), ("field", nullableString),
                                                                   ("message", string)])))],
                                       optional: [("imported", integer), ("duplicates", integer), ("skipped", integer)])
    static let portfolioDeferral = object([("programme", string), ("loans_considered", integer), ("loans_deferred", integer), ("loans_refused", integer),
                                           ("loans_already_deferred", integer), ("loans_with_nothing_in_window", integer),
                                           ("refusals", array(object(strings(["loan_id", "reason"]))))]
                                          + strings(["deferred_principal", "deferred_interest", "interest_on_deferred_principal", "relief"]))
    static func bridgeGroup(_ key: String) -> JSONValue { object([(key, string), ("advances", integer)] + strings(["advanced_total", "fee_income", "outstanding"])) }
    static let bridgeReport = object(strings(["from", "to", "capital", "balance", "outstanding"]) + [("advances", integer)]
                                     + strings(["advanced_total", "fee_income", "average_days", "utilisation", "turnover"])
                                     + [("breaches", array(object([("id", string), ("days", integer), ("days_over", integer), ("status", string)]))),
                                        ("by_bank", array(bridgeGroup("bank"))), ("by_county", array(bridgeGroup("county")))])
    static let advances = object([("advances", array(object(strings(["advance_id", "bank", "county", "amount", "advance_date"])
                                                            + [("repaid_on", nullableString), ("days", nullableInteger), ("fee", nullableString)])))])
    static let check = object([("ok", boolean), ("invariants", integer), ("problems", array(string))])
    static let firstLoanFigures: [(String, JSONValue)] = [("under_cultivation", integer), ("first_loan_borrowers", integer), ("first_loan_amount", string),
                                                           ("first_loan_rate", string), ("new_borrowers", integer),
                                                           ("first_loan_share_of_new_borrowers", string), ("first_loan_borrowers_all", integer),
                                                           ("median_days_to_first_loan", nullableString),
                                                           ("funnel", array(object([("stage", string), ("reached", integer), ("conversion", string)])))]
    static let firstLoan = object(strings(["from", "to"]) + firstLoanFigures,
                                  optional: ["bank", "county", "counsellor"].map { ("by_" + $0, array(object(firstLoanFigures, closed: false))) })
    static let reconcile = object([("statement", string), ("message", string)]
                                  + ["entries", "imported", "duplicates", "matched", "mismatched", "already_matched", "already_mismatched",
                                     "unmatched_statement", "unmatched_ledger", "not_reconcilable", "batch_details"].map { ($0, integer) }
                                  + [("items", array(object([("status", string), ("line", nullableInteger)]
                                                            + ["date", "direction", "amount"].map { ($0, nullableString) } + [("currency", string)]
                                                            + ["end_to_end_id", "event", "reference", "ledger_amount", "method", "difference", "reason"]
                                                                .map { ($0, nullableString) })))])

    static let loanTerms = ["principal", "rate", "start", "months", "method", "day_count", "settlement", "rounding"]
    static let programmeOverrides = ["programme", "from", "until", "defer_to", "penalty_uplift", "compound_deferred_interest"]

    static let routes: [Route] = [
        Route("get", "/healthz", "Health check: 200 `ok`, no ledger work", answer: string, mediaType: "text/plain"),
        Route("get", "/api/v1/openapi.json", "This document", answer: .object([("type", .string("object"))])),
        Route("get", "/api/v1/programmes", "The built-in relief programmes (`relief programmes --format json`)", answer: programmes),
        Route("get", "/api/v1/schedule", "A loan's exact schedule (`relief schedule`)", parameters: loanTerms, answer: schedule),
        Route("get", "/api/v1/defer", "One loan deferred under a programme (`relief defer` without a ledger)", parameters: loanTerms + programmeOverrides,
              answer: deferral),
        Route("get", "/api/v1/estimate", "An enterprise's five options to maturity (`relief estimate`)",
              parameters: loanTerms + programmeOverrides + ["bridge_days", "private_daily_rate"], answer: estimate),
        Route("get", "/api/v1/bridge/quote", "A bridge fund quote at the fund's terms (`relief bridge quote`)",
              parameters: ["amount", "from", "to", "daily_rate", "commitment", "private_daily_rate"], answer: bridgeQuote),
        Route("get", "/api/v1/loans", "A page of the loans in the account's scope (`relief loans list`), 50 a page", roles: ["bank", "bureau"],
              parameters: ["q", "page"], answer: loans),
        Route("get", "/api/v1/loans/{id}", "One loan (`relief loans show`); 404 when unknown or of another bank", roles: ["bank", "bureau"],
              parameters: ["id"], answer: loan),
        Route("post", "/api/v1/import", "Import the body as a file (`relief import`); 400 with the same object when it holds problems",
              roles: ["bank", "bureau"], parameters: ["dry_run", "name", "encoding", "profile"], answer: importAnswer),
        Route("post", "/api/v1/defer", "Portfolio deferral of the account's loans (`relief defer --db`)", roles: ["bank", "bureau"],
              parameters: programmeOverrides + ["dry_run"], answer: portfolioDeferral),
        Route("get", "/api/v1/export/{table}", "A CSV export (`relief export`): a bank account gets loans and schedules of its bank",
              roles: ["bank", "bureau"], parameters: ["table"], answer: string, mediaType: "text/csv"),
        Route("get", "/api/v1/export/loanbook", "The whole ledger as a loan book (`relief export loanbook`): bureau only, since it holds every bank",
              roles: ["bureau"], answer: string, mediaType: "application/xml"),
        Route("post", "/api/v1/reconcile", "Store and reconcile the body as a statement (`relief reconcile`); a bank's against its loans' repayments",
              roles: ["bank", "bureau"],
              parameters: ["name", "encoding", "profile"], answer: reconcile),
        Route("get", "/api/v1/bridge/report", "The bridge fund's report (`relief bridge report`)", roles: ["bureau"], parameters: ["from", "to"],
              answer: bridgeReport),
        Route("get", "/api/v1/bridge/advances", "Every advance (`relief bridge list`)", roles: ["bureau"], answer: advances),
        Route("post", "/api/v1/bridge/advance", "Record an advance (`relief bridge advance`); answers it as `bridge list` shows it", roles: ["bureau"],
              parameters: ["id", "enterprise", "name", "bank", "county", "amount", "date", "loan", "commitment", "daily_rate", "account"], answer: advances),
        Route("post", "/api/v1/bridge/repay", "Record an advance's repayment (`relief bridge repay`)", roles: ["bureau"], parameters: ["id", "date"],
              answer: advances),
        Route("get", "/api/v1/ledger/check", "The ledger's invariants (`relief ledger check`)", roles: ["bureau"], answer: check),
        Route("get", "/api/v1/firstloan/report", "First-loan KPIs (`relief firstloan report`)", roles: ["coordinator", "bureau"],
              parameters: ["from", "to", "by"], answer: firstLoan),
    ]

    static func document() -> JSONValue {
        var paths: [(String, JSONValue)] = []
        for path in routes.map(\.path).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let operations: [(String, JSONValue)] = routes.filter { $0.path == path }.map { route in
                var responses: [(String, JSONValue)] = [
                    ("200", .object([("description", .string("the answer")),
                                     ("content", .object([(route.mediaType ?? "application/json", .object([("schema", route.answer)]))]))])),
                ]
                if !route.parameters.isEmpty || route.method == "post" {
                    // An upload's problems come in the import's object (its counts beside them);
                    // a bad parameter of the same route in the problems object alone.
                    let schema = route.parameters.contains("name") ? uploadProblems : problems
                    responses.append(("400", .object([("description", .string("bad parameters or a file with problems: every problem by file, line and field")),
                                                      ("content", .object([("application/json", .object([("schema", schema)]))]))])))
                }
                if !route.roles.isEmpty {
                    for (status, text) in [("401", "no token, or an unknown or disabled account's"), ("403", "a role that may not call it"),
                                           ("503", "the ledger stayed busy; Retry-After says when to try again")] {
                        responses.append((status, .object([("description", .string(text)),
                                                           ("content", .object([("application/json", .object([("schema", problems)]))]))])))
                    }
                }
                if route.path.contains("{") {
                    responses.append(("404", .object([("description", .string("unknown, or outside the account's scope (not disclosed)")),
                                                      ("content", .object([("application/json", .object([("schema", problems)]))]))])))
                }
                if route.method == "post" && route.parameters.contains("name") {
                    responses.append(("413", .object([("description", .string("the body is over the upload limit")),
                                                      ("content", .object([("application/json", .object([("schema", problems)]))]))])))
                }
                let inPath = Set(route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                var operation: [(String, JSONValue)] = [
                    ("summary", .string(route.summary)),
                    ("parameters", .array(route.parameters.map { name in
                        .object([("name", .string(name)), ("in", .string(inPath.contains(name) ? "path" : "query")),
                                 ("required", .bool(inPath.contains(name))), ("schema", string)])
                    })),
                    ("responses", .object(responses)),
                ]
                if !route.roles.isEmpty {
                    operation.append(("security", .array([.object([("bearer", .array([]))])])))
                    operation.append(("x-roles", .array(route.roles.map(JSONValue.string))))
                }
                if route.method == "post" {
                    let body: JSONValue = route.parameters.contains("name")
                        ? .object([("content", .object([("application/octet-stream", .object([("schema", .object([("type", .string("string")),
                                                                                                                     ("format", .string("binary"))]))]))]))])
                        : .object([("content", .object([("application/json", .object([("schema", .object([
                            ("type", .string("object")), ("additionalProperties", string)]))])),
                                                        ("application/x-www-form-urlencoded", .object([("schema", .object([("type", .string("object"))]))]))]))])
                    operation.append(("requestBody", body))
                }
                return (route.method, .object(operation))
            }
            paths.append((path, .object(operations)))
        }
        return .object([
            ("openapi", .string("3.1.0")),
            ("info", .object([("title", .string("CreditRelief API")), ("version", .string("1")),
                              ("description", .string("The answers carry the CLI's `--format json` keys; every value a client sends is a string as typed on the command line."))])),
            ("paths", .object(paths)),
            ("components", .object([("securitySchemes", .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))]))])),
        ])
    }
}
