import GRDB
import ReliefDomain

/// Matches stored bank statement entries to the ledger's events and records the matches.
///
/// Events, as they move money on an account: a bridge advance goes out (debit) to the
/// enterprise's account; its repayment comes in (credit) as amount + fee; fund capital comes
/// in or goes out; a loan repayment comes in (principal + interest). Matching runs in two
/// passes, the way a person would: first by reference (the entry's `EndToEndId`, else its
/// `InstrId`, equal to the advance id or the loan id), which also catches amount mismatches;
/// then by exact amount, direction and date within `dateWindowDays`, preferring an event whose
/// counterparty (account or name) agrees and then the nearest date. A counterparty account
/// that contradicts the event's rules that event out.
///
/// Only CNY amounts with nothing past the fen can be compared with the ledger's fen; other
/// entries are listed as not reconcilable, never dropped. A match is stored with a UNIQUE
/// constraint on each side, so reconciling the same statement again matches nothing twice:
/// entries matched before are reported as already matched.
public enum Reconciliation {
    /// How far apart (in days) the bank's booking date and the ledger's date may be.
    public static let dateWindowDays = 3

    /// A ledger event that moves money on a bank account.
    public struct Event: Hashable, Sendable {
        public enum Kind: String, Sendable {
            case advance
            case advanceRepayment = "advance-repayment"
            case capital
            case loanRepayment = "loan-repayment"
        }

        public let kind: Kind
        /// The advance id, `capital:<row>`, or `entry:<journal entry>` of a loan repayment.
        public let reference: String
        /// What a person reads: the advance id or the loan id.
        public let label: String
        public let date: CivilDate
        public let amount: Money
        /// As the account holder's statement shows it.
        public let direction: StatementEntry.Direction
        public let counterpartyName: String?
        public let counterpartyAccount: String?
        /// The id an end-to-end reference names: the advance id or the loan id.
        public let matchingReference: String?
    }

    public enum Method: String, Sendable {
        case endToEnd = "end-to-end"
        case amountDateCounterparty = "amount-date-counterparty"
        case amountDate = "amount-date"
    }

    public struct Match: Sendable {
        public let entry: StoredStatementEntry
        public let event: Event
        public let method: Method
        /// Statement amount - ledger amount; not zero for an amount mismatch.
        public let difference: Money
    }

    public struct Report: Sendable {
        public internal(set) var matched: [Match] = []
        /// Matched by reference, but the amounts differ.
        public internal(set) var mismatched: [Match] = []
        /// Matched by an earlier reconciliation.
        public internal(set) var alreadyMatched: [Match] = []
        public internal(set) var unmatchedEntries: [(entry: StoredStatementEntry, reason: String)] = []
        /// Not in CNY, or with digits past the fen.
        public internal(set) var notReconcilable: [StoredStatementEntry] = []
        /// Details of a batch entry whose details carry no amounts of their own, after the
        /// first: the entry's amount moved once, so the first detail (`carrier`) stands for the
        /// entry (matched with the references of them all) and these are neither matched nor
        /// unmatched.
        public internal(set) var batchDetails: [(entry: StoredStatementEntry, carrier: StoredStatementEntry)] = []
        /// Ledger events within the statement's dates (widened by the window) that no entry matches.
        public internal(set) var unmatchedEvents: [Event] = []
        /// The statement's first and last dates, widened by the window.
        public internal(set) var window: ClosedRange<CivilDate>?
    }

    /// Reconciles the stored entries `entryIDs` (one statement's) against the ledger and
    /// records the new matches; call inside one write transaction.
    /// With `bank`, the statement is a bank's own: it is matched against that bank's loans'
    /// repayments only (the fund's movements and other banks' loans are not its events).
    public static func reconcile(entryIDs: [Int64], bank: String? = nil, _ db: LedgerTransaction) throws -> Report {
        let db = db.database
        let entries = try StatementLedger.entries(entryIDs, LedgerTransaction(db))
        let events = try loadEvents(LedgerTransaction(db), bank: bank)
        var eventsByKey: [String: Event] = [:]
        for event in events { eventsByKey[key(event.kind, event.reference)] = event }
        var taken: [String: Int64] = [:]  // event key -> statement entry id
        var previous: [Int64: (kind: String, reference: String, method: String, difference: Int64)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT statement_entry_id, event_kind, event_ref, method, difference_fen FROM statement_matches") {
            let entryID: Int64 = row["statement_entry_id"]
            let kind: String = row["event_kind"]
            let reference: String = row["event_ref"]
            taken[kind + "\u{1F}" + reference] = entryID
            previous[entryID] = (kind, reference, row["method"], row["difference_fen"])
        }

        var report = Report()
        let dates = entries.compactMap(\.date)
        if let first = dates.min(), let last = dates.max() {
            report.window = first.adding(days: -dateWindowDays)...last.adding(days: dateWindowDays)
        }
        var unique: [StoredStatementEntry] = []
        var seen: Set<Int64> = []
        for entry in entries where seen.insert(entry.id).inserted { unique.append(entry) }

        func record(_ entry: StoredStatementEntry, _ event: Event, _ method: Method, _ fen: Int64) throws {
            let difference = fen - event.amount.fen
            try db.execute(sql: """
                INSERT INTO statement_matches(statement_entry_id, event_kind, event_ref, method, difference_fen) VALUES (?, ?, ?, ?, ?)
                """, arguments: [entry.id, event.kind.rawValue, event.reference, method.rawValue, difference])
            taken[key(event.kind, event.reference)] = entry.id
            let match = Match(entry: entry, event: event, method: method, difference: Money(fen: difference))
            if difference == 0 { report.matched.append(match) } else { report.mismatched.append(match) }
        }
        var byReference: [String: [Event]] = [:]
        for event in events { if let reference = event.matchingReference { byReference[reference, default: []].append(event) } }
        /// The references an entry gives to match on (a bank's `NOTPROVIDED` is none).
        func references(_ entry: StoredStatementEntry) -> [String] {
            [entry.endToEndID, entry.instructionID].compactMap { $0 }.filter { !$0.isEmpty && $0.uppercased() != "NOTPROVIDED" }
        }
        /// The events `reference` names in `entry`'s direction, nearest in date first.
        func named(_ reference: String, for entry: StoredStatementEntry) -> [Event] {
            (byReference[reference] ?? []).filter { $0.direction == entry.direction }.sorted { abs(distance($0, entry)) < abs(distance($1, entry)) }
        }

        // A batch entry whose details carry no amounts moved its amount once. When two or more
        // of its details each name an event of their own, the batch paid those events: each
        // detail is matched to its event and the entry's amount is compared with their sum
        // (a difference is put on the first). Otherwise the first detail carries the entry,
        // with the references of every detail. The details left are covered by a matched one.
        var covered: [Int64: StoredStatementEntry] = [:]  // detail -> the detail that carries it
        var matchedInBatch: Set<Int64> = []
        var batchReferences: [Int64: [String]] = [:]
        var groups: [[StoredStatementEntry]] = []
        var groupIndex: [String: Int] = [:]
        for entry in unique where entry.amountIsShared {
            let batch = "\(entry.statementRowID)\u{1F}\(entry.entryNumber)"
            if let index = groupIndex[batch] { groups[index].append(entry) } else { groupIndex[batch] = groups.count; groups.append([entry]) }
        }
        for unsorted in groups {
            let group = unsorted.sorted { $0.detailNumber < $1.detailNumber }
            if let settled = group.first(where: { previous[$0.id] != nil }) {
                for entry in group where previous[entry.id] == nil { covered[entry.id] = settled }
                continue
            }
            var chosen: Set<String> = []
            var paid: [(entry: StoredStatementEntry, event: Event)] = []
            if let fen = group[0].amount.fen, !group[0].isReversal, (group[0].status ?? "BOOK") == "BOOK" {
                for entry in group {
                    let free = references(entry).lazy.compactMap { reference in
                        named(reference, for: entry).first { taken[key($0.kind, $0.reference)] == nil && !chosen.contains(key($0.kind, $0.reference)) }
                    }.first
                    if let free {
                        chosen.insert(key(free.kind, free.reference))
                        paid.append((entry, free))
                    }
                }
                if paid.count >= 2 {
                    let difference = fen - paid.reduce(0) { $0 + $1.event.amount.fen }
                    for (index, pair) in paid.enumerated() { try record(pair.entry, pair.event, .endToEnd, pair.event.amount.fen + (index == 0 ? difference : 0)) }
                    matchedInBatch.formUnion(paid.map(\.entry.id))
                    for entry in group where !matchedInBatch.contains(entry.id) { covered[entry.id] = paid[0].entry }
                    continue
                }
            }
            for entry in group.dropFirst() {
                covered[entry.id] = group[0]
                batchReferences[group[0].id, default: []] += references(entry)
            }
        }

        var open: [(entry: StoredStatementEntry, fen: Int64)] = []
        for entry in unique where !matchedInBatch.contains(entry.id) {
            if let earlier = previous[entry.id] {
                if let event = eventsByKey[earlier.kind + "\u{1F}" + earlier.reference], let method = Method(rawValue: earlier.method) {
                    report.alreadyMatched.append(Match(entry: entry, event: event, method: method, difference: Money(fen: earlier.difference)))
                } else {
                    report.unmatchedEntries.append((entry, "matched earlier to \(earlier.kind) \(earlier.reference), which is no longer in the ledger"))
                }
                continue
            }
            if let carrier = covered[entry.id] {
                report.batchDetails.append((entry, carrier))
                continue
            }
            guard let fen = entry.amount.fen else {
                report.notReconcilable.append(entry)
                continue
            }
            if entry.isReversal {
                report.unmatchedEntries.append((entry, "a reversal by the bank: check it by hand"))
                continue
            }
            if let status = entry.status, status != "BOOK" {
                report.unmatchedEntries.append((entry, "not booked (status \(status))"))
                continue
            }
            open.append((entry, fen))
        }

        // Pass 1: by reference.
        var remaining: [(entry: StoredStatementEntry, fen: Int64)] = []
        for (entry, fen) in open {
            var found: Event?
            var takenBy: Int64?
            for reference in references(entry) + (batchReferences[entry.id] ?? []) {
                let candidates = named(reference, for: entry)
                if let free = candidates.first(where: { taken[key($0.kind, $0.reference)] == nil }) {
                    found = free
                    break
                }
                if let first = candidates.first { takenBy = taken[key(first.kind, first.reference)] }
            }
            if let found {
                try record(entry, found, .endToEnd, fen)
            } else if let takenBy {
                report.unmatchedEntries.append((entry, "its reference names an event already matched to statement entry \(takenBy)"))
            } else {
                remaining.append((entry, fen))
            }
        }

        // Pass 2: by amount, direction and date window, then counterparty.
        for (entry, fen) in remaining {
            guard let date = entry.date else {
                report.unmatchedEntries.append((entry, "no booking or value date to match on"))
                continue
            }
            var best: (event: Event, agrees: Bool, days: Int)?
            for event in events where event.amount.fen == fen && event.direction == entry.direction
                && taken[key(event.kind, event.reference)] == nil {
                let days = abs(date.days(to: event.date))
                guard days <= dateWindowDays else { continue }
                if let theirs = entry.counterpartyAccount, let ours = event.counterpartyAccount, normalized(theirs) != normalized(ours) { continue }
                let agrees = (entry.counterpartyAccount != nil && event.counterpartyAccount != nil)
                    || (entry.counterpartyName.map(normalized) != nil && entry.counterpartyName.map(normalized) == event.counterpartyName.map(normalized))
                if let current = best, (current.agrees && !agrees) || (current.agrees == agrees && current.days <= days) { continue }
                best = (event, agrees, days)
            }
            if let best {
                try record(entry, best.event, best.agrees ? .amountDateCounterparty : .amountDate, fen)
            } else if let matched = events.first(where: { event in
                event.amount.fen == fen && event.direction == entry.direction && abs(date.days(to: event.date)) <= dateWindowDays
                    && taken[key(event.kind, event.reference)] != nil
            }), let takenBy = taken[key(matched.kind, matched.reference)] {
                // Not "no event": there is one, matched already (the same movement in another
                // statement file, most likely).
                report.unmatchedEntries.append((entry, "the ledger event of \(entry.amount.decimalText) \(entry.direction == .credit ? "in" : "out") within \(dateWindowDays) days, \(matched.kind.rawValue) \(matched.label), is already matched to statement entry \(takenBy)"))
            } else {
                report.unmatchedEntries.append((entry, "no ledger event of \(entry.amount.decimalText) \(entry.direction == .credit ? "in" : "out") within \(dateWindowDays) days"))
            }
        }

        if let window = report.window {
            report.unmatchedEvents = events.filter { window.contains($0.date) && taken[key($0.kind, $0.reference)] == nil }
        }
        return report
    }

    static func key(_ kind: Event.Kind, _ reference: String) -> String { kind.rawValue + "\u{1F}" + reference }

    static func distance(_ event: Event, _ entry: StoredStatementEntry) -> Int {
        guard let date = entry.date else { return 0 }
        return date.days(to: event.date)
    }

    /// Accounts and names compared without spaces and case (banks print them both ways).
    static func normalized(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != " " && $0 != "\t" }).uppercased()
    }

    /// Every event of the ledger that moves money on a bank account, in date order.
    /// The ledger's reconcilable events' amounts by kind and reference, read once: what a
    /// loan book's matches are checked against.
    public struct EventIndex: Sendable {
        let amounts: [String: Money]

        public init(_ db: LedgerTransaction) throws {
            let db = db.database
            amounts = Dictionary(try Reconciliation.loadEvents(LedgerTransaction(db)).map { (Reconciliation.key($0.kind, $0.reference), $0.amount) },
                                 uniquingKeysWith: { first, _ in first })
        }

        public func amount(of kind: Event.Kind, _ reference: String) -> Money? { amounts[Reconciliation.key(kind, reference)] }
    }

    static func loadEvents(_ db: LedgerTransaction, bank: String? = nil) throws -> [Event] {
        let db = db.database
        var events: [Event] = []
        // A bank's own statement: only its loans' repayments (below) are its events.
        for row in try Row.fetchAll(db, sql: bank != nil ? "SELECT 1 WHERE 0" : """
            SELECT a.id, a.amount_fen, a.advance_date, a.account, e.name, r.repaid_on, r.fee_fen
            FROM bridge_advances a JOIN enterprises e ON e.id = a.enterprise_id
            LEFT JOIN bridge_repayments r ON r.advance_id = a.id
            """) {
            let id: String = row["id"]
            let amount: Int64 = row["amount_fen"]
            events.append(Event(kind: .advance, reference: id, label: id, date: try StoredValues.date(row["advance_date"], "advance_date"),
                                amount: Money(fen: amount), direction: .debit, counterpartyName: row["name"],
                                counterpartyAccount: row["account"], matchingReference: id))
            if let repaid = row["repaid_on"] as String? {
                let fee: Int64 = row["fee_fen"]
                events.append(Event(kind: .advanceRepayment, reference: id, label: id, date: try StoredValues.date(repaid, "repaid_on"),
                                    amount: Money(fen: amount + fee), direction: .credit, counterpartyName: row["name"],
                                    counterpartyAccount: row["account"], matchingReference: id))
            }
        }
        for row in try Row.fetchAll(db, sql: bank != nil ? "SELECT 1 WHERE 0" : "SELECT id, amount_fen, movement_date FROM bridge_capital") {
            let id: Int64 = row["id"]
            let amount: Int64 = row["amount_fen"]
            events.append(Event(kind: .capital, reference: "capital:\(id)", label: "#\(id)",
                                date: try StoredValues.date(row["movement_date"], "movement_date"), amount: Money(fen: abs(amount)),
                                direction: amount > 0 ? .credit : .debit, counterpartyName: nil, counterpartyAccount: nil, matchingReference: nil))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT j.id, j.entry_date, j.loan_id, e.name,
                   (SELECT sum(p.amount_fen) FROM postings p WHERE p.entry_id = j.id AND p.amount_fen > 0) AS received_fen
            FROM journal_entries j JOIN loans l ON l.id = j.loan_id JOIN enterprises e ON e.id = l.enterprise_id
            WHERE j.kind = 'repayment' AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = j.id)
              AND (? IS NULL OR l.bank = ?)
            """, arguments: [bank, bank]) {
            let id: Int64 = row["id"]
            let loan: String = row["loan_id"]
            let received: Int64 = row["received_fen"] ?? 0
            events.append(Event(kind: .loanRepayment, reference: "entry:\(id)", label: loan, date: try StoredValues.date(row["entry_date"], "entry_date"),
                                amount: Money(fen: received), direction: .credit, counterpartyName: row["name"], counterpartyAccount: nil,
                                matchingReference: loan))
        }
        return events.sorted { ($0.date, $0.kind.rawValue, $0.reference) < ($1.date, $1.kind.rawValue, $1.reference) }
    }
}
