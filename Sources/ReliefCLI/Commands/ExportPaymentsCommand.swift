import Foundation
import GRDB
import ReliefApp
import ReliefDomain
import ReliefInterchange
import ReliefLedger

/// `relief export payments`: the bridge fund's advances as a pain.001.001.09 credit transfer
/// file for the fund's bank. The `export` command calls `PaymentsExport.run`.
///
/// The debtor is the fund's own account (`relief bridge fund --account`); each advance with
/// a recorded enterprise account (`relief bridge advance --account`) becomes one transfer
/// whose EndToEndId is the advance id, so the bank's statement can be reconciled against
/// it. Advances without an account cannot be paid by transfer: they are named on stderr,
/// never dropped silently.
enum PaymentsExport {
    static func run(database: DatabaseOptions, out: String?) throws {
        let (settings, rows) = try database.open().read { db in
            (try BridgeFund.settings(db), try Row.fetchAll(db, sql: """
                SELECT a.id, a.amount_fen, a.advance_date, a.account, a.bank, e.name
                FROM bridge_advances a JOIN enterprises e ON e.id = a.enterprise_id ORDER BY a.advance_date, a.id
                """))
        }
        guard let fundAccount = settings.account, !fundAccount.isEmpty else {
            throw CommandFailure(.dataError, "the fund's own account is not recorded: set it with `relief bridge fund --account ACCOUNT --account-name NAME`")
        }
        var transfers: [PaymentInitiationWriter.Transfer] = []
        var withoutAccount: [String] = []
        for row in rows {
            let id: String = row["id"]
            guard let account = row["account"] as String?, !account.isEmpty else {
                withoutAccount.append(id)
                continue
            }
            let dateText: String = row["advance_date"]
            let date: CivilDate
            do { date = try CivilDate(parsing: dateText) } catch { throw CommandFailure(.dataError, "advance \(id) has a stored date '\(dateText)' that is not a date") }
            let bank: String = row["bank"]
            transfers.append(PaymentInitiationWriter.Transfer(
                endToEndID: id, amount: Money(fen: row["amount_fen"]), executionDate: date,
                creditor: PaymentInitiationWriter.Party(name: row["name"], account: account),
                remittance: "应急转贷 \(id) \(bank)"))
        }
        if !withoutAccount.isEmpty {
            StandardStreams.writeError("relief: notice: \(withoutAccount.count) advance\(withoutAccount.count == 1 ? "" : "s") without an enterprise account left out of the payment file: \(withoutAccount.prefix(20).joined(separator: ", "))\(withoutAccount.count > 20 ? ", ..." : "")\n")
        }
        guard !transfers.isEmpty else {
            throw CommandFailure(.dataError, "no advance with an enterprise account to pay: record accounts with `relief bridge advance --account`")
        }
        let now = try PaymentsExport.utcNow()
        let bytes: [UInt8]
        do {
            bytes = try PaymentInitiationWriter.write(
                messageID: "RELIEF-PAY-" + now.compact, createdAt: now.iso,
                debtor: PaymentInitiationWriter.Party(name: settings.accountName ?? "应急转贷基金", account: fundAccount), transfers: transfers)
        } catch let problem as PaymentInitiationWriter.Problem {
            throw CommandFailure(.dataError, problem.description)
        }
        if let out {
            try OutputFile(out, database: database.path).write(Data(bytes))
            StandardStreams.writeError("relief: wrote \(transfers.count) transfer\(transfers.count == 1 ? "" : "s") to \(out)\n")
        } else {
            StandardStreams.writeOut(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The creation time, read from the clock here at the edge: ISO (`2020-03-02T09:15:00`)
    /// and compact (`20200302091500`) for the message id. With `RELIEF_TODAY` set, midnight of
    /// that day, so that a reproducible run writes the same file.
    static func utcNow() throws -> (iso: String, compact: String) {
        if Today.isFixed() {
            let date = try Today.resolve().description
            return (date + "T00:00:00", date.filter(\.isNumber) + "000000")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        let date = "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))"
        let time = "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
        return (date + "T" + time, (date + time).filter { $0.isNumber })
    }
}
