import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// Records a bridge register CSV's advances and repayments in the fund's books, in date order
/// (the register refuses back-dated movements): each day's repayments before its advances.
/// A row is one record (SPEC.md counts rows): imported when its advance or its repayment is
/// new to the ledger, a duplicate when both were recorded before.
enum BridgeRegisterImport {
    static func record(_ rows: [(BridgeRegisterCSV.Row, String)], journal: inout Journal) throws -> ImportSummary {
        var summary = ImportSummary()
        var events: [(date: CivilDate, order: Int, row: BridgeRegisterCSV.Row, file: String)] = []
        for (row, file) in rows {
            events.append((row.advanced, 1, row, file))
            // Same day: repayments first (they free the fund's cash for that day's advances),
            // but an advance repaid the day it was made after it.
            if let repaid = row.repaid { events.append((repaid, repaid == row.advanced ? 2 : 0, row, file)) }
        }
        events.sort { ($0.date, $0.order, $0.row.line) < ($1.date, $1.order, $1.row.line) }
        var book = try BridgeLedger(journal.transaction)
        var refused: Set<AdvanceID> = []
        /// Whether each row (by file and line) recorded anything new.
        var rowIsNew: [String: Bool] = [:]
        for event in events {
            let row = event.row
            func counts(new isNew: Bool) {
                let key = "\(event.file):\(row.line)"
                rowIsNew[key] = (rowIsNew[key] ?? false) || isNew
            }
            // An advance that was refused has no repayment to record: its problem is enough.
            if event.order != 1 && refused.contains(row.id) { continue }
            do {
                if event.order == 1 {
                    counts(new: !(try book.advance(row.request, journal: &journal).isDuplicate))
                } else {
                    let outcome = try book.repay(row.id, on: event.date, journal: &journal)
                    counts(new: !outcome.duplicate)
                    // As the ledger counts them (a same-day repayment is one day).
                    if let stated = row.statedDays, stated != outcome.days {
                        summary.problems.append(ImportProblem(file: event.file, line: row.line, field: "days",
                                                              message: "\(row.id): the register states \(stated), the ledger counts \(outcome.days) from \(row.advanced) to \(event.date)"))
                    }
                    if let stated = row.statedFee, stated != outcome.fee {
                        summary.problems.append(ImportProblem(file: event.file, line: row.line, field: "fee",
                                                              message: "\(row.id): the register states \(stated.formatted(grouped: true)), the fund's terms give \(outcome.fee.formatted(grouped: true)) for \(outcome.days) days"))
                    }
                    if outcome.daysOver > 0 && !outcome.duplicate {
                        summary.notices.append("\(event.file):\(row.line): advance \(row.id) ran \(outcome.daysOver) day\(outcome.daysOver == 1 ? "" : "s") over the maximum (recorded as a breach)")
                    }
                }
            } catch let error as LedgerError {
                if event.order == 1 { refused.insert(row.id) }
                summary.problems.append(ImportProblem(file: event.file, line: row.line, field: event.order == 1 ? "advance_id" : "repaid_on", message: "\(row.id): \(error)"))
            }
        }
        for isNew in rowIsNew.values {
            if isNew { summary.imported += 1 } else { summary.duplicates += 1 }
        }
        return summary
    }
}
