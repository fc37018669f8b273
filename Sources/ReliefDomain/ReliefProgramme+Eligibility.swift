extension ReliefProgramme {
    /// What the programme needs to know of a borrower to decide eligibility.
    public struct Applicant: Sendable {
        public let size: EnterpriseSize
        public let creditLine: Money?
        /// When the firm applied for relief; nil if it has not.
        public let applied: CivilDate?
        /// The loan's contractual maturity; nil when unknown (a programme scoped by maturity
        /// then refuses the loan).
        public let maturity: CivilDate?

        public init(size: EnterpriseSize, creditLine: Money?, applied: CivilDate?, maturity: CivilDate? = nil) {
            self.size = size
            self.creditLine = creditLine
            self.applied = applied
            self.maturity = maturity
        }
    }

    /// Nil when `applicant` may be deferred; otherwise the reason it may not, for the
    /// loan officer's refusal list.
    public func refusalReason(for applicant: Applicant) -> String? {
        if !eligibility.sizes.contains(applicant.size) {
            let admitted = EnterpriseSize.allCases.filter(eligibility.sizes.contains).map(\.rawValue).joined(separator: ", ")
            return "\(applicant.size.rawValue) enterprises are not eligible for programme \(name) (only \(admitted))"
        }
        if let cap = eligibility.creditLineCap {
            guard let line = applicant.creditLine else {
                return "programme \(name) needs the credit line (at most \(cap.formatted(grouped: true))), and none is recorded"
            }
            if line > cap {
                return "credit line \(line.formatted(grouped: true)) is over programme \(name)'s cap of \(cap.formatted(grouped: true))"
            }
        }
        if let maturing = eligibility.maturing {
            guard let maturity = applicant.maturity else {
                return "programme \(name) covers loans maturing \(maturing.lowerBound) to \(maturing.upperBound), and the loan's maturity is unknown"
            }
            if !maturing.contains(maturity) {
                return "the loan matures \(maturity), outside programme \(name)'s loans maturing \(maturing.lowerBound) to \(maturing.upperBound)"
            }
        }
        if eligibility.applicationRequired {
            guard let applied = applicant.applied else { return "the enterprise has not applied for relief" }
            if applied > deferralDate {
                return "applied \(applied), after the deferral date \(deferralDate)"
            }
        }
        return nil
    }
}
