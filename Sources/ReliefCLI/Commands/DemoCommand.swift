import ArgumentParser
import ReliefDomain
import ReliefEngine

/// `relief demo`: what the tool does, on example loans built into the binary.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the tool at work on built-in example loans (runs from any folder).",
        discussion: """
            Prints the schedules of four example SME loans, one per repayment method, and \
            checks the published worked examples of RULES.md. Needs no files and writes nothing.
            """
    )

    /// One example loan of the tour: what it shows, and its terms.
    struct Example {
        let title: String
        let terms: LoanTerms
    }

    static func examples() throws -> [Example] {
        let start = try CivilDate(year: 2020, month: 1, day: 15)
        return [
            Example(title: "A manufacturer's working-capital loan, level monthly payments",
                    terms: try LoanTerms(principal: Money(yuan: 1_000_000), annualRate: Rate(percent: 435, per: 100),
                                         start: start, termMonths: 12, method: .annuity)),
            Example(title: "A restaurant's equipment loan, equal principal each month",
                    terms: try LoanTerms(principal: Money(yuan: 300_000), annualRate: Rate(percent: 490, per: 100),
                                         start: start, termMonths: 6, method: .equalPrincipal)),
            Example(title: "A trading firm's line, interest settled quarterly on the 20th, principal at maturity",
                    terms: try LoanTerms(principal: Money(yuan: 2_000_000), annualRate: Rate(percent: 435, per: 100),
                                         start: start, termMonths: 12, method: .interestOnly, settlement: .quarterly)),
            Example(title: "A workshop's short bullet loan, all due at maturity",
                    terms: try LoanTerms(principal: Money(yuan: 500_000), annualRate: Rate(percent: 5), start: start,
                                         termMonths: 3, method: .bullet)),
        ]
    }

    func run() throws {
        let calculator = ScheduleCalculator()
        var text = "CreditRelief demo: repayment schedules exact to the fen\n"
        for (index, example) in try DemoCommand.examples().enumerated() {
            let schedule = try calculator.schedule(for: example.terms)
            text += "\n\(index + 1). \(example.title)\n" + ScheduleReport(schedule: schedule).table()
        }
        text += "\nPublished worked examples (RULES.md section 2), recomputed now:\n"
        let checks: [(String, Money, Int, RepaymentMethod, Money)] = [
            ("1,000,000 at 4.90% over 360 months, annuity", Money(yuan: 1_000_000), 360, .annuity, Money(fen: 530_727)),
            ("1,000,000 at 4.90% over 240 months, annuity", Money(yuan: 1_000_000), 240, .annuity, Money(fen: 654_444)),
            ("630,000 at 4.90% over 360 months, annuity", Money(yuan: 630_000), 360, .annuity, Money(fen: 334_358)),
            ("630,000 at 4.90% over 360 months, equal principal, month 1", Money(yuan: 630_000), 360, .equalPrincipal, Money(fen: 432_250)),
        ]
        for (label, principal, months, method, published) in checks {
            let terms = try LoanTerms(principal: principal, annualRate: Rate(percent: 490, per: 100),
                                      start: try CivilDate(year: 2020, month: 1, day: 15), termMonths: months, method: method)
            let first = try calculator.schedule(for: terms).installments[0].payment
            let verdict = first == published ? "matches" : "DIFFERS from"
            text += "  \(label): \(first.formatted(grouped: true)) \(verdict) the published \(published.formatted(grouped: true))\n"
        }
        text += "\nNext: relief schedule --help\n"
        StandardStreams.writeOut(text)
    }
}
