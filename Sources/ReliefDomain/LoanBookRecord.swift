/// One record of a loan book.
///
/// Format revision 1 (no `revision` attribute) lists enterprises, loans, repayments, the
/// bridge fund's account, capital movements and bridge advances, in that order. Revision 2
/// lists the enterprises first, then every event in the order the ledger's journal recorded
/// it, so that replaying the records in file order reproduces the ledger, then the current
/// schedules that differ from their terms' (`installment`), the cultivation history, and
/// last the imported bank statements (`statement`, each followed by its stored entries,
/// `statementEntry`) and their reconciliation matches (`match`).
public enum LoanBookRecord: Hashable, Sendable {
    case enterprise(EnterpriseRecord)
    /// Revision 2: an enterprise whose size the ledger does not know (known from a bridge
    /// advance, a cultivation list or an enterprise list without sizes); no loan names one.
    case unsizedEnterprise(code: CreditCode, name: String, county: String)
    /// A loan, the rounding its schedule was booked with (half-up unless said) and the
    /// import run that booked it (`importBatch`'s `number` above), when one did.
    case loan(LoanRecord, rounding: Rounding = .halfUp, batch: Int64? = nil)
    /// Installment `period` of `loan` repaid on `date`.
    case repayment(loan: LoanID, period: Int, date: CivilDate)
    /// The fund's own account and its holder's name.
    case bridgeFund(account: String?, accountName: String?)
    /// Capital paid in (positive) or withdrawn (negative) on `date`; `reference` names the
    /// movement when it was recorded with one.
    case bridgeCapital(date: CivilDate, amount: Money, reference: String? = nil)
    case bridgeAdvance(BridgeAdvance)

    // Revision 2.
    /// An import run that booked loans below (`relief import`: its files, day and counts),
    /// listed before the first loan naming it.
    case importBatch(ImportBatch)
    /// The cultivation data of an enterprise listed above (首贷培植).
    case cultivation(Cultivation)
    /// A programme run's parameters, named `run` for the deferrals that follow.
    case programme(run: String, programme: ReliefProgramme, rounding: Rounding)
    case deferral(Deferral)
    /// Interest accrued on `loan`'s installments due through `through`.
    case accrual(loan: LoanID, through: CivilDate)
    /// 展期: `loan` extended to `to`, agreed on `agreed`.
    case `extension`(loan: LoanID, to: CivilDate, agreed: CivilDate)
    case renewal(Renewal)
    /// The fund's terms for new advances.
    case bridgeTerms(BridgeTerms)
    case bridgeRepayment(advance: AdvanceID, date: CivilDate)
    /// A journal entry with no register behind it (a library caller's own event).
    case entry(Entry)
    /// The reversal of entry `entry` (its `Entry.number`) on `date`.
    case reversal(entry: Int64, date: CivilDate, reason: String)
    /// The correction of an event above as it stands there: its entry reversed on `date`
    /// and the register put right (the event may be recorded again below).
    case correction(Correction)
    /// One row of a loan's current schedule, where it differs from its terms' schedule.
    case installment(Installment)
    case counsellor(id: CounsellorID, name: String)
    case assignment(counsellor: CounsellorID, enterprise: CreditCode, date: CivilDate)
    case stage(enterprise: CreditCode, stage: CultivationStage, date: CivilDate, bank: String?)
    /// A bank statement as the ledger stored it; the `statementEntry` records that follow are
    /// the entries first stored from it.
    case statement(Statement)
    /// An entry of the statement above, exactly as stored, under the idempotency key it was
    /// stored with (`key`, kept as written: an import never recomputes it).
    case statementEntry(key: String, entry: StatementEntry)
    /// A reconciliation match of a statement entry above to a ledger event.
    case match(Match)

    /// A bridge advance as the loan book carries it; revision 2 adds the terms it was made
    /// under (nil in revision 1: the fund's terms then apply).
    /// An advance as it was made: the request, its own terms (revision 2) and, in revision 1
    /// only, its repayment date (revision 2 writes a `bridgeRepayment` where it happened).
    public struct BridgeAdvance: Hashable, Sendable {
        public let request: BridgeAdvanceRequest
        public let repaid: CivilDate?
        public let terms: Terms?

        /// The advance's own terms.
        public struct Terms: Hashable, Sendable {
            public let dailyRate: Rate
            public let tiers: [BridgeTerms.Tier]
            public let minimumFee: Money?
            public let maximumDays: Int

            public init(dailyRate: Rate, tiers: [BridgeTerms.Tier], minimumFee: Money?, maximumDays: Int) {
                self.dailyRate = dailyRate
                self.tiers = tiers
                self.minimumFee = minimumFee
                self.maximumDays = maximumDays
            }
        }

        public init(id: AdvanceID, enterprise: CreditCode, enterpriseName: String? = nil, bank: String, county: String, amount: Money,
                    date: CivilDate, account: String?, repaid: CivilDate?, maturingLoan: String? = nil, commitment: Money? = nil,
                    terms: Terms? = nil) {
            request = BridgeAdvanceRequest(id: id, enterprise: enterprise, enterpriseName: enterpriseName, bank: bank, county: county,
                                           amount: amount, date: date, maturingLoan: maturingLoan, commitment: commitment,
                                           dailyRate: terms?.dailyRate, account: account)
            self.repaid = repaid
            self.terms = terms
        }

        public var id: AdvanceID { request.id }
        public var enterprise: CreditCode { request.enterprise }
        public var enterpriseName: String? { request.enterpriseName }
        public var bank: String { request.bank }
        public var county: String { request.county }
        public var amount: Money { request.amount }
        public var date: CivilDate { request.date }
        public var account: String? { request.account }
        public var maturingLoan: String? { request.maturingLoan }
        public var commitment: Money? { request.commitment }
    }

    public struct Cultivation: Hashable, Sendable {
        public let enterprise: CreditCode
        public let identified: CivilDate
        public let industry: String?
        public let hasLoanRecord: Bool

        public init(enterprise: CreditCode, identified: CivilDate, industry: String?, hasLoanRecord: Bool) {
            self.enterprise = enterprise
            self.identified = identified
            self.industry = industry
            self.hasLoanRecord = hasLoanRecord
        }
    }

    /// A deferral of one loan by a programme run, with the figures it stored; an import
    /// replays the run and refuses the file when its figures differ.
    @dynamicMemberLookup
    public struct Deferral: Hashable, Sendable {
        public let loan: LoanID
        public let run: String
        public let figures: DeferralFigures

        public init(loan: LoanID, run: String, deferralDate: CivilDate, installments: Int, deferredPrincipal: Money, deferredInterest: Money,
                    interestOnDeferredPrincipal: Money, compoundOnDeferredInterest: Money, penaltyWithoutRelief: Money,
                    compoundWithoutRelief: Money, relief: Money) {
            self.loan = loan
            self.run = run
            figures = DeferralFigures(deferralDate: deferralDate, installments: installments, deferredPrincipal: deferredPrincipal,
                                      deferredInterest: deferredInterest, interestOnDeferredPrincipal: interestOnDeferredPrincipal,
                                      compoundOnDeferredInterest: compoundOnDeferredInterest, penaltyWithoutRelief: penaltyWithoutRelief,
                                      compoundWithoutRelief: compoundWithoutRelief, relief: relief)
        }

        /// Each figure by name (`deferral.relief`).
        public subscript<Value>(dynamicMember figure: KeyPath<DeferralFigures, Value>) -> Value { figures[keyPath: figure] }
    }

    /// 无还本续贷: `loan` renewed on `date` by `newLoan` on `terms` (its principal is what
    /// the old loan still owed, its start the renewal date).
    public struct Renewal: Hashable, Sendable {
        public let loan: LoanID
        public let newLoan: LoanID
        public let date: CivilDate
        public let terms: LoanTerms

        public init(loan: LoanID, newLoan: LoanID, date: CivilDate, terms: LoanTerms) {
            self.loan = loan
            self.newLoan = newLoan
            self.date = date
            self.terms = terms
        }
    }

    public struct Entry: Hashable, Sendable {
        /// The entry's number in the ledger it came from (reversals refer to it).
        public let number: Int64
        public let date: CivilDate
        public let description: String
        public let key: String
        public let loan: LoanID?
        public let postings: [Posting]

        /// One line: `amount` > 0 debits `account`, < 0 credits it.
        public struct Posting: Hashable, Sendable {
            public let account: String
            public let amount: Money
            public let loan: LoanID?

            public init(account: String, amount: Money, loan: LoanID?) {
                self.account = account
                self.amount = amount
                self.loan = loan
            }
        }

        public init(number: Int64, date: CivilDate, description: String, key: String, loan: LoanID?, postings: [Posting]) {
            self.number = number
            self.date = date
            self.description = description
            self.key = key
            self.loan = loan
            self.postings = postings
        }
    }

    public struct Installment: Hashable, Sendable {
        public let loan: LoanID
        public let period: Int
        public let dueDate: CivilDate
        public let originalDueDate: CivilDate
        public let days: Int
        public let principal: Money
        public let interest: Money
        public let balance: Money
        public let deferred: Bool
        public let paid: Bool

        public init(loan: LoanID, period: Int, dueDate: CivilDate, originalDueDate: CivilDate, days: Int, principal: Money, interest: Money,
                    balance: Money, deferred: Bool, paid: Bool) {
            self.loan = loan
            self.period = period
            self.dueDate = dueDate
            self.originalDueDate = originalDueDate
            self.days = days
            self.principal = principal
            self.interest = interest
            self.balance = balance
            self.deferred = deferred
            self.paid = paid
        }
    }
}

extension LoanBookRecord {
    /// A corrected event: which one, when, and why.
    public struct Correction: Hashable, Sendable {
        /// The event corrected, named as the ledger names it.
        public enum Event: Hashable, Sendable {
            /// The standing repayment of installment `period` of `loan`.
            case repayment(loan: LoanID, period: Int)
            /// The standing accrual of `loan` through `through`.
            case accrual(loan: LoanID, through: CivilDate)
            /// The standing advance `id` (cancelled).
            case advance(AdvanceID)
            /// The standing repayment of advance `id`.
            case bridgeRepayment(AdvanceID)

            /// The `event` attribute's value.
            public var name: String {
                switch self {
                case .repayment: return "repayment"
                case .accrual: return "accrual"
                case .advance: return "advance"
                case .bridgeRepayment: return "bridgeRepayment"
                }
            }
        }

        public let event: Event
        public let date: CivilDate
        public let reason: String

        public init(event: Event, date: CivilDate, reason: String) {
            self.event = event
            self.date = date
            self.reason = reason
        }
    }
}

extension LoanBookRecord {
    /// A bank statement file as stored: its name, its content digest (what makes importing
    /// it twice store nothing twice), its message and how many entries it held.
    public struct Statement: Hashable, Sendable {
        public let source: String
        /// SHA-256 of the file, 64 lowercase hex digits.
        public let digest: String
        /// `camt.053.001.02`, `bank-csv`, ...
        public let messageDefinition: String
        public let messageID: String?
        /// The entries the file held, stored then or found stored already.
        public let entries: Int

        public init(source: String, digest: String, messageDefinition: String, messageID: String?, entries: Int) {
            self.source = source
            self.digest = digest
            self.messageDefinition = messageDefinition
            self.messageID = messageID
            self.entries = entries
        }
    }

    /// A statement entry matched to a ledger event by reconciliation.
    public struct Match: Hashable, Sendable {
        /// The matched statement entry's key (`statementEntry`'s `key`).
        public let entryKey: String
        /// `advance`, `advance-repayment`, `capital` or `loan-repayment`.
        public let event: String
        /// The event in any ledger: the advance id, or the journal key of a capital
        /// movement's or a loan repayment's entry.
        public let reference: String
        /// `end-to-end`, `amount-date-counterparty` or `amount-date`.
        public let method: String
        /// Statement amount - ledger amount; not zero for an amount mismatch.
        public let difference: Money

        public init(entryKey: String, event: String, reference: String, method: String, difference: Money) {
            self.entryKey = entryKey
            self.event = event
            self.reference = reference
            self.method = method
            self.difference = difference
        }
    }

    /// An import run as the ledger logged it: what a loan's `batch` names, so that where a
    /// loan came from survives a move to another ledger.
    public struct ImportBatch: Hashable, Sendable {
        /// The run's number in this file (from 1, in the order listed; not a ledger's id),
        /// named by loans below.
        public let number: Int64
        /// The files imported, as the run named them (`a.csv, b.xml`).
        public let source: String
        public let recordedOn: CivilDate
        /// What the run imported and what it found already there.
        public let records: Int
        public let duplicates: Int

        public init(number: Int64, source: String, recordedOn: CivilDate, records: Int, duplicates: Int) {
            self.number = number
            self.source = source
            self.recordedOn = recordedOn
            self.records = records
            self.duplicates = duplicates
        }
    }
}
