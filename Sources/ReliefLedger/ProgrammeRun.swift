import GRDB
import ReliefDomain

/// A relief programme as one portfolio run applied it: every parameter and the rounding,
/// so that a deferral can be explained, and replayed, without the programme file it came from.
public struct ProgrammeRun: Hashable, Sendable {
    public let programme: ReliefProgramme
    public let rounding: Rounding

    public init(programme: ReliefProgramme, rounding: Rounding) {
        self.programme = programme
        self.rounding = rounding
    }

    /// The run's row id, inserting it when no run with the same parameters is stored yet.
    static func store(_ run: ProgrammeRun, _ db: Database) throws -> Int64 {
        let programme = run.programme
        let eligibility = programme.eligibility
        let arguments: StatementArguments = [
            programme.name, programme.title, programme.window.lowerBound.description, programme.window.upperBound.description,
            programme.deferralDate.description, programme.scope.rawValue, programme.interestOnDeferredPrincipal,
            programme.compoundOnDeferredInterest, programme.penaltyUplift.units,
            eligibility.sizes.sorted().map(\.rawValue).joined(separator: ","), eligibility.creditLineCap?.fen,
            eligibility.applicationRequired, run.rounding.rawValue,
            eligibility.maturing?.lowerBound.description, eligibility.maturing?.upperBound.description,
        ]
        // `IS` rather than `=`: the credit-line cap may be NULL.
        let find = """
            SELECT id FROM programme_runs WHERE name = ? AND title = ? AND window_from = ? AND window_until = ? AND deferral_date = ?
            AND scope = ? AND interest_on_deferred_principal = ? AND compound_on_deferred_interest = ? AND penalty_uplift_units = ?
            AND sizes = ? AND credit_line_cap_fen IS ? AND application_required = ? AND rounding = ?
            AND maturing_from IS ? AND maturing_until IS ?
            """
        if let id = try Int64.fetchOne(db.cachedStatement(sql: find), arguments: arguments) { return id }
        try db.cachedStatement(sql: """
            INSERT INTO programme_runs(name, title, window_from, window_until, deferral_date, scope, interest_on_deferred_principal,
                                       compound_on_deferred_interest, penalty_uplift_units, sizes, credit_line_cap_fen,
                                       application_required, rounding, maturing_from, maturing_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments)
        return db.lastInsertedRowID
    }

    /// The run stored as `id`.
    public static func fetch(_ id: Int64, _ db: LedgerTransaction) throws -> ProgrammeRun? {
        let db = db.database
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM programme_runs WHERE id = ?", arguments: [id]) else { return nil }
        let name: String = row["name"]
        let sizesText: String = row["sizes"]
        let cap: Int64? = row["credit_line_cap_fen"]
        let maturingFrom: String? = row["maturing_from"], maturingUntil: String? = row["maturing_until"]
        do {
            var maturing: ClosedRange<CivilDate>?
            if let maturingFrom, let maturingUntil {
                maturing = try StoredValues.date(maturingFrom, "maturing_from")...(try StoredValues.date(maturingUntil, "maturing_until"))
            }
            let sizes = try Set(sizesText.split(separator: ",").map { try StoredValues.parse(String($0), "sizes", EnterpriseSize.init(parsing:)) })
            let programme = try ReliefProgramme(
                name: name, title: row["title"],
                window: try StoredValues.date(row["window_from"], "window_from")...(try StoredValues.date(row["window_until"], "window_until")),
                deferralDate: try StoredValues.date(row["deferral_date"], "deferral_date"),
                scope: try StoredValues.parse(row["scope"], "scope") { (text: String) throws(ParseError) in
                    guard let scope = ReliefProgramme.Scope(rawValue: text) else {
                        throw ParseError(input: text, kind: "scope", reason: "expected principal, interest or both")
                    }
                    return scope
                },
                interestOnDeferredPrincipal: row["interest_on_deferred_principal"], compoundOnDeferredInterest: row["compound_on_deferred_interest"],
                penaltyUplift: Rate(units: row["penalty_uplift_units"]),
                eligibility: .init(sizes: sizes, creditLineCap: cap.map(Money.init(fen:)), applicationRequired: row["application_required"],
                                   maturing: maturing))
            let rounding = try StoredValues.parse(row["rounding"], "rounding") { (text: String) throws(ParseError) in
                guard let rounding = Rounding(rawValue: text) else { throw ParseError(input: text, kind: "rounding", reason: "expected half-up or half-even") }
                return rounding
            }
            return ProgrammeRun(programme: programme, rounding: rounding)
        } catch let violation as RuleViolation {
            throw LedgerError.rule("stored programme run \(name) breaks a rule: \(violation.message)")
        }
    }
}
