import ReliefDomain
import ReliefPresentation

/// The bridge fund's write requests read from a request's fields, named as the CLI's options
/// (`bridge advance --id --enterprise --name --bank --county --amount --date --loan
/// --commitment --daily-rate --account`, `bridge repay --id --date`), for the API and the
/// fund page alike.
enum BridgeRequests {
    static func advance(_ values: [String: String]) -> (request: BridgeAdvanceRequest?, problems: [FieldProblem]) {
        var parameters = Parameters(values)
        let id = parameters.value("id", required: true) { (text: String) throws(ParseError) in try advanceID(text) }
        let code = parameters.value("enterprise", required: true) { (text: String) throws(ParseError) in
            do { return try CreditCode(validating: text) } catch { throw ParseError(input: text, kind: "credit code", reason: "\(error)") }
        }
        let bank = parameters.value("bank", required: true) { (text: String) throws(ParseError) in text }
        let amount = parameters.value("amount", required: true) { (text: String) throws(ParseError) in try Money(parsing: text) }
        let date = parameters.value("date", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        let commitment = parameters.value("commitment") { (text: String) throws(ParseError) in try Money(parsing: text) }
        let dailyRate = parameters.value("daily_rate") { (text: String) throws(ParseError) in try Rate(parsing: text) }
        let text = { (field: String) in values[field].flatMap { $0.isEmpty ? nil : $0 } }
        guard let id, let code, let bank, let amount, let date, parameters.problems.isEmpty else { return (nil, parameters.problems) }
        return (BridgeAdvanceRequest(id: id, enterprise: code, enterpriseName: text("name"), bank: bank, county: text("county") ?? "",
                                     amount: amount, date: date, maturingLoan: text("loan"), commitment: commitment, dailyRate: dailyRate,
                                     account: text("account")), [])
    }

    static func repay(_ values: [String: String]) -> (repayment: (id: AdvanceID, date: CivilDate)?, problems: [FieldProblem]) {
        var parameters = Parameters(values)
        let id = parameters.value("id", required: true) { (text: String) throws(ParseError) in try advanceID(text) }
        let date = parameters.value("date", required: true) { (text: String) throws(ParseError) in try CivilDate(parsing: text) }
        guard let id, let date else { return (nil, parameters.problems) }
        return ((id, date), [])
    }

    static func advanceID(_ text: String) throws(ParseError) -> AdvanceID {
        do { return try AdvanceID(validating: text) } catch { throw ParseError(input: text, kind: "advance id", reason: "\(error)") }
    }
}
