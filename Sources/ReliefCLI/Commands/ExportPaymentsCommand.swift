import Foundation
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
        let file: PaymentsWorkflow.File
        do {
            file = try PaymentsWorkflow.file(ledger: try database.open(), createdAt: try PaymentsExport.utcNow())
        } catch PaymentsWorkflow.Refusal.noFundAccount {
            throw CommandFailure(.dataError, "the fund's own account is not recorded: set it with `relief bridge fund --account ACCOUNT --account-name NAME`")
        } catch PaymentsWorkflow.Refusal.noPayableAdvance {
            throw CommandFailure(.dataError, "no advance with an enterprise account to pay: record accounts with `relief bridge advance --account`")
        }
        let missing = file.withoutAccount
        if !missing.isEmpty {
            StandardStreams.writeError("relief: notice: \(missing.count) advance\(missing.count == 1 ? "" : "s") without an enterprise account left out of the payment file: \(missing.prefix(20).joined(separator: ", "))\(missing.count > 20 ? ", ..." : "")\n")
        }
        if let out {
            try OutputFile(out, database: database.path).write(Data(file.bytes))
            StandardStreams.writeError("relief: wrote \(file.transfers) transfer\(file.transfers == 1 ? "" : "s") to \(out)\n")
        } else {
            StandardStreams.writeOut(String(decoding: file.bytes, as: UTF8.self))
        }
    }

    /// The creation time, read from the clock here at the edge (ISO, `2020-03-02T09:15:00`). With `RELIEF_TODAY` set, midnight of
    /// that day, so that a reproducible run writes the same file.
    static func utcNow() throws -> String {
        if Today.isFixed() {
            let date = try Today.resolve().description
            return date + "T00:00:00"
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        let date = "\(parts.year ?? 1970)-\(two(parts.month))-\(two(parts.day))"
        let time = "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
        return date + "T" + time
    }
}
