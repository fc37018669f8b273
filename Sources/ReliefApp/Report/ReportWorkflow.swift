import ReliefDomain
import ReliefEngine
import ReliefLedger

/// The figures of the report people look at (the HTML report, the web's `/report`): the
/// bridge fund over the period, relief by bank and by month, the deferred principal
/// outstanding, the first-loan funnel.
public enum ReportWorkflow {
    public struct Data: Sendable {
        public let from: CivilDate
        public let to: CivilDate
        public let bridge: BridgeReport
        public let bridgeDays: [BridgeTimeline.Day]
        public let reliefByBank: [ReliefStatistics.Group]
        public let reliefByMonth: [ReliefStatistics.Group]
        public let deferredPrincipal: [(date: CivilDate, balance: Money)]
        public let firstLoans: FirstLoanReport
    }

    /// The report over [from, to]; without `from`, from the first event of relief: a bridge
    /// fund movement, a deferral or a cultivation event (or `to` when the ledger holds none). A period that ends before it starts is
    /// `WorkflowError.refused`.
    public static func gather(_ ledger: LedgerStore, from: CivilDate?, to: CivilDate) throws -> Data {
        if let from, from > to { throw WorkflowError.refused("the period starts \(from), after it ends \(to)") }
        // One snapshot: the CLI and the server may write while the report is gathered.
        return try ledger.read { db in
            let register = try BridgeLedger.register(db)
            let terms = try BridgeFund.settings(db).terms
            let cultivation = try CultivationLedger.cultivationRegister(db)
            // The cultivation's first event is the first identification (its loans are not relief).
            let firstIdentified = cultivation.enterprises.compactMap(\.identifiedOn).min()
            let firstReliefEvent = [register.firstEventDate, try ReliefStatistics.firstDeferralDate(db), firstIdentified].compactMap { $0 }.min()
            let start = min(from ?? firstReliefEvent ?? to, to)
            return Data(from: start, to: to, bridge: BridgeReport.compute(register, from: start, to: to, maximumDays: terms.maximumDays),
                        bridgeDays: BridgeTimeline.days(register, from: start, to: to),
                        reliefByBank: try ReliefStatistics.reliefByBank(db, from: start, to: to),
                        reliefByMonth: try ReliefStatistics.reliefByMonth(db, from: start, to: to),
                        deferredPrincipal: try ReliefStatistics.deferredPrincipalBalances(db, through: to),
                        firstLoans: FirstLoanReport.compute(cultivation, from: start, to: to))
        }
    }
}
