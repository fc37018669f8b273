import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// The three renderings of a reconciliation.
public struct ReconcileReport {
    public let file: String
    public let statement: CamtStatement
    public let stored: StatementLedger.Outcome
    public let report: Reconciliation.Report

    public init(file: String, statement: CamtStatement, stored: StatementLedger.Outcome, report: Reconciliation.Report) {
        self.file = file
        self.statement = statement
        self.stored = stored
        self.report = report
    }

    public static func amount(_ entry: StoredStatementEntry) -> String {
        entry.amount.fen.map { Money(fen: $0).description } ?? entry.amount.decimalText
    }

    public var counts: [(String, Int)] {
        [("entries", statement.entryCount), ("imported", stored.imported), ("duplicates", stored.duplicates),
         ("matched", report.matched.count), ("mismatched", report.mismatched.count), ("already_matched", report.alreadyMatched.count),
         // Matched by an earlier run with an amount difference: still a difference to resolve.
         ("already_mismatched", report.alreadyMatched.filter { !$0.difference.isZero }.count),
         ("unmatched_statement", report.unmatchedEntries.count), ("unmatched_ledger", report.unmatchedEvents.count),
         ("not_reconcilable", report.notReconcilable.count),
         // Details of a batch entry after its first, which carries the entry's one amount.
         ("batch_details", report.batchDetails.count)]
    }

    /// Every line item: (status, entry, event, method, difference, reason).
    public var items: [(status: String, entry: StoredStatementEntry?, event: Reconciliation.Event?, method: String, difference: String, reason: String)] {
        var rows: [(String, StoredStatementEntry?, Reconciliation.Event?, String, String, String)] = []
        for (status, matches) in [("matched", report.matched), ("mismatched", report.mismatched), ("already-matched", report.alreadyMatched)] {
            for match in matches.sorted(by: { $0.entry.line < $1.entry.line }) {
                rows.append((status, match.entry, match.event, match.method.rawValue, match.difference.description,
                             match.difference.isZero ? "" : "statement \(ReconcileReport.amount(match.entry)), ledger \(match.event.amount.description)"))
            }
        }
        for (entry, reason) in report.unmatchedEntries { rows.append(("unmatched-statement", entry, nil, "", "", reason)) }
        for (entry, carrier) in report.batchDetails {
            rows.append(("batch-detail", entry, nil, "", "",
                         "detail \(entry.detailNumber) of the batch entry whose amount moved once, carried by its detail on line \(carrier.line)"))
        }
        for event in report.unmatchedEvents { rows.append(("unmatched-ledger", nil, event, "", "", "no statement entry")) }
        for entry in report.notReconcilable {
            rows.append(("not-reconcilable", entry, nil, "", "", "\(entry.amount.currency) \(entry.amount.decimalText) cannot be compared with CNY fen"))
        }
        return rows.map { (status: $0.0, entry: $0.1, event: $0.2, method: $0.3, difference: $0.4, reason: $0.5) }
    }

    public func json() -> JSONValue {
        let optional = { (text: String?) -> JSONValue in text.map { .string($0) } ?? .null }
        let itemValues = items.map { item -> JSONValue in
            .object([
                ("status", .string(item.status)),
                ("line", item.entry.map { .integer($0.line) } ?? .null),
                ("date", optional(item.entry?.date?.description ?? item.event?.date.description)),
                ("direction", optional(item.entry?.direction.rawValue ?? item.event?.direction.rawValue)),
                ("amount", optional(item.entry.map(ReconcileReport.amount) ?? item.event?.amount.description)),
                ("currency", .string(item.entry?.amount.currency ?? "CNY")),
                ("end_to_end_id", optional(item.entry?.endToEndID)),
                ("event", optional(item.event?.kind.rawValue)),
                ("reference", optional(item.event?.label)),
                ("ledger_amount", optional(item.event?.amount.description)),
                ("method", item.method.isEmpty ? .null : .string(item.method)),
                ("difference", item.difference.isEmpty ? .null : .string(item.difference)),
                ("reason", item.reason.isEmpty ? .null : .string(item.reason)),
            ])
        }
        return .object([("statement", .string(file)), ("message", .string(statement.messageDefinition))]
            + counts.map { ($0.0, JSONValue.integer($0.1)) } + [("items", .array(itemValues))])
    }

    public func csv() -> String {
        var csv = CSVText(header: ["status", "line", "date", "direction", "amount", "currency", "end_to_end_id", "event", "reference",
                                   "ledger_amount", "method", "difference", "reason"])
        for item in items {
            csv.append([item.status, item.entry.map { String($0.line) } ?? "", item.entry?.date?.description ?? item.event?.date.description ?? "",
                        item.entry?.direction.rawValue ?? item.event?.direction.rawValue ?? "",
                        item.entry.map(ReconcileReport.amount) ?? item.event?.amount.description ?? "", item.entry?.amount.currency ?? "CNY",
                        item.entry?.endToEndID ?? "", item.event?.kind.rawValue ?? "", item.event?.label ?? "",
                        item.event?.amount.description ?? "", item.method, item.difference, item.reason])
        }
        return csv.text
    }

    public func table() -> String {
        var summary = TextTable([.init(title: "Reconciliation of \(file) (\(statement.messageDefinition))", alignment: .left),
                                 .init(title: "", alignment: .right)])
        let labels = ["entries": "Statement entries", "imported": "Stored now", "duplicates": "Already stored (duplicates)",
                      "matched": "Matched", "mismatched": "Amount mismatches", "already_matched": "Matched before",
                      "already_mismatched": "  of which with an amount mismatch",
                      "unmatched_statement": "Unmatched statement entries", "unmatched_ledger": "Unmatched ledger events",
                      "not_reconcilable": "Not reconcilable (not CNY)", "batch_details": "Batch details (the entry's amount counted once)"]
        for (key, count) in counts { summary.add([labels[key] ?? key, String(count)]) }
        var text = summary.render()
        let rows = items
        guard !rows.isEmpty else { return text }
        var details = TextTable([.init(title: "Status", alignment: .left), .init(title: "Line", alignment: .right),
                                 .init(title: "Date", alignment: .left), .init(title: "Dir", alignment: .left),
                                 .init(title: "Amount", alignment: .right), .init(title: "Ccy", alignment: .left),
                                 .init(title: "Ledger event", alignment: .left), .init(title: "Note", alignment: .left)])
        for item in rows {
            let event = item.event.map { "\($0.kind.rawValue) \($0.label) \($0.amount.formatted(grouped: true))" } ?? ""
            let note = [item.method, item.reason].filter { !$0.isEmpty }.joined(separator: "; ")
            let amount = item.entry.map { entry in entry.amount.fen.map { Money(fen: $0).formatted(grouped: true) } ?? entry.amount.decimalText }
                ?? item.event?.amount.formatted(grouped: true) ?? ""
            details.add([item.status, item.entry.map { String($0.line) } ?? "", item.entry?.date?.description ?? item.event?.date.description ?? "",
                         item.entry?.direction.rawValue ?? item.event?.direction.rawValue ?? "", amount,
                         item.entry?.amount.currency ?? "CNY", event, note])
        }
        text += "\n" + details.render()
        return text
    }
}
