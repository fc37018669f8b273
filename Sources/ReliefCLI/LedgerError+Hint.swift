import ReliefLedger

extension LedgerError {
    /// What a person at the command line does about it, when there is a command for it.
    var commandLineHint: String? {
        switch self {
        case .missingDatabase: return ": run `relief init` first (or give --db PATH / RELIEF_DB)"
        case .notALedger(_, .emptyFile): return " (create a ledger with `relief init`)"
        case .notALedger(_, .noSchema): return " (create one with `relief init`)"
        case .unknownCounsellor: return ": add one with `relief firstloan counsellor add`"
        case .unknownEnterprise, .notUnderCultivation: return ": register it with `relief firstloan enterprise add`"
        case .capitalNotReversible(_, let withdrawal): return " (relief bridge fund\(withdrawal ? "" : " --withdraw"))"
        case .advanceRepaid(_, _, let entry): return " (relief ledger reverse \(entry))"
        case .reasonRequired: return " (--reason TEXT)"
        case .inconsistent: return " (run `relief ledger check`)"
        default: return nil
        }
    }

    /// The error as the command line says it: what happened, then what to do.
    var commandLineMessage: String { description + (commandLineHint ?? "") }
}
