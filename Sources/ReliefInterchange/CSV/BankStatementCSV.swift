import ReliefDomain

/// Chinese banks' statement exports (交易明细) read as statement entries, as users receive them
/// (SPEC.md capability 9, conformance/MANIFEST.md): a title or preamble before the header;
/// either one amount column with a sign or a 借/贷 column, or separate income and expense
/// columns; both a transaction-amount and a booked-amount column where one holds `-`;
/// `YYYYMMDD` or `YYYY-MM-DD` dates; fields padded with spaces or ending in a TAB; `-` for
/// empty; header names with spaces (`日 志 号`); balances masked or not numbers (ignored).
/// Rows that are not transactions (blank, a totals row such as `人民币合计` without a date, short
/// rows) are skipped with a notice; a row that looks like a transaction but cannot be read is a
/// problem naming its line and field.
public enum BankStatementCSV {
    static let dateColumns = ["交易日期", "记账日期", "入账日期", "交易日", "记账日", "日期", "date"]
    static let amountColumns = ["交易金额", "发生额", "入账金额", "记账金额", "金额", "amount"]
    static let creditColumns = ["收入金额", "贷方发生额", "贷方金额", "存入金额", "收入", "credit"]
    static let debitColumns = ["支出金额", "借方发生额", "借方金额", "支取金额", "支出", "debit"]
    static let directionColumns = ["借贷", "借贷标志", "收支", "收/支", "借贷方向"]
    static let currencyColumns = ["货币", "币种", "currency"]
    static let counterpartyColumns = ["对方户名", "对手信息", "对方名称", "对方账户名", "对方单位"]
    static let counterpartyAccountColumns = ["对方账号", "对方账户", "对方卡号"]
    static let remittanceColumns = ["摘要", "交易摘要", "客户摘要", "用途", "附言", "交易类型"]
    static let referenceColumns = ["交易流水号", "流水号", "日志号", "凭证号"]
    static let balanceColumns = ["余额", "账户余额", "交易后余额", "balance"]

    struct Header {
        let date: Int
        let amounts: [Int]
        let credit: Int?
        let debit: Int?
        let direction: Int?
        let currency: Int?
        let counterparty: Int?
        let counterpartyAccount: Int?
        let remittance: [Int]
        let reference: Int?
        let balance: Int?
        let width: Int
    }

    static func header(_ fields: [String]) -> Header? {
        let names = fields.map(CSVColumns.normalized)
        func first(_ candidates: [String]) -> Int? {
            for candidate in candidates { if let index = names.firstIndex(of: candidate) { return index } }
            return nil
        }
        guard let date = first(dateColumns) else { return nil }
        let amounts = amountColumns.compactMap { names.firstIndex(of: $0) }
        let credit = first(creditColumns), debit = first(debitColumns)
        guard !amounts.isEmpty || (credit != nil && debit != nil) else { return nil }
        return Header(date: date, amounts: amounts, credit: credit, debit: debit, direction: first(directionColumns),
                      currency: first(currencyColumns), counterparty: first(counterpartyColumns),
                      counterpartyAccount: first(counterpartyAccountColumns),
                      remittance: remittanceColumns.compactMap { names.firstIndex(of: $0) }, reference: first(referenceColumns),
                      balance: first(balanceColumns), width: names.count)
    }

    /// Whether `records` hold a statement header within their first lines.
    public static func recognizes(_ records: [CSVReader.Record]) -> Bool {
        records.prefix(CSVColumns.preambleLinesMax + 1).contains { header($0.fields) != nil }
    }

    /// The entries of a bank's export, rows skipped with reasons, and problems.
    public static func entries(_ records: [CSVReader.Record], file: String, account: String)
        -> (entries: [StatementEntry], skipped: [String], problems: [ImportProblem]) {
        guard let headerIndex = records.prefix(CSVColumns.preambleLinesMax + 1).firstIndex(where: { header($0.fields) != nil }),
              let header = header(records[headerIndex].fields) else {
            return ([], [], [ImportProblem(file: file, line: 1, message: "no statement header found (a date column such as 交易日期 and an amount column such as 交易金额, or 收入金额 and 支出金额)")])
        }
        var entries: [StatementEntry] = []
        var skipped: [String] = []
        var problems = ProblemList()
        for record in records[(headerIndex + 1)...] where !problems.isFull {
            func cell(_ index: Int?) -> String? {
                guard let index, index < record.fields.count else { return nil }
                return CSVColumns.trimmed(record.fields[index])
            }
            let joined = CSVColumns.trimmed(record.fields.joined()) ?? ""
            if CSVColumns.isBlank(record) { skipped.append("line \(record.line): blank"); continue }
            guard let dateText = cell(header.date) else {
                skipped.append("line \(record.line): no date (\(joined.prefix(20))...)")
                continue
            }
            guard let date = parseDate(dateText) else {
                if record.fields.count < header.width / 2 || joined.contains("合计") || joined.contains("总计") {
                    skipped.append("line \(record.line): not a transaction (\(joined.prefix(20))...)")
                } else {
                    problems.append(ImportProblem(file: file, line: record.line, field: "date", message: "'\(dateText)' is not a date (expected YYYY-MM-DD or YYYYMMDD)"))
                }
                continue
            }
            if record.fields.count < header.width / 2 {
                skipped.append("line \(record.line): a short row of \(record.fields.count) fields")
                continue
            }
            // The amount: the first amount column holding a number, else income/expense columns.
            var signed: Money?
            var amountField = "amount"
            for index in header.amounts {
                guard let text = cell(index) else { continue }
                do { signed = try Money(parsing: text); amountField = CSVColumns.normalized(records[headerIndex].fields[index]); break } catch {
                    problems.append(ImportProblem(file: file, line: record.line, field: CSVColumns.normalized(records[headerIndex].fields[index]), message: error.description))
                    signed = nil
                    amountField = ""
                    break
                }
            }
            if amountField.isEmpty { continue }
            var direction: StatementEntry.Direction?
            if signed == nil {
                do {
                    if let text = cell(header.credit), let credit = try? Money(parsing: text), !credit.isZero {
                        signed = credit
                    } else if let text = cell(header.debit) {
                        let debit = try Money(parsing: text)
                        signed = -(debit.isNegative ? -debit : debit)
                    }
                } catch {
                    problems.append(ImportProblem(file: file, line: record.line, field: "amount", message: error.description))
                    continue
                }
            }
            guard let amount = signed else {
                problems.append(ImportProblem(file: file, line: record.line, field: "amount", message: "no amount in any amount column"))
                continue
            }
            if let text = cell(header.direction) {
                if text.contains("贷") || text.lowercased().contains("cr") || text.contains("收") { direction = .credit }
                if text.contains("借") || text.lowercased().contains("dr") || text.contains("支") { direction = .debit }
            }
            let resolved: StatementEntry.Direction = direction ?? (amount.isNegative ? .debit : .credit)
            let magnitude = amount.isNegative ? -amount : amount
            let currencyCode = currency(cell(header.currency))
            // ISO 4217: three capital letters (the ledger stores nothing else).
            guard currencyCode.utf8.count == 3, currencyCode.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
                problems.append(ImportProblem(file: file, line: record.line, field: "currency",
                                              message: "'\(currencyCode.prefix(40))' is not a currency: expected 人民币, CNY, RMB or another three-letter ISO 4217 code"))
                continue
            }
            // The export names no account, so a movement is known by what the bank wrote of it
            // (not by the file: the same rows re-encoded or in an overlapping export are the
            // same movements): its reference number, else its running balance after it.
            let identity = [date.description, resolved.rawValue, currencyCode, magnitude.description]
            var contentKey: String?
            if let reference = cell(header.reference) {
                contentKey = (["bank-csv", "ref", reference] + identity).joined(separator: "|")
            } else if let text = cell(header.balance), let balance = try? Money(parsing: text) {
                contentKey = (["bank-csv", "balance", balance.description] + identity + [cell(header.counterparty) ?? ""]).joined(separator: "|")
            }
            entries.append(StatementEntry(
                account: account, entryNumber: entries.count + 1, bookingDate: date, valueDate: date,
                amount: ExactAmount(mantissa: magnitude.fen, scale: 2, currency: currencyCode), direction: resolved,
                status: "BOOK", accountServicerReference: cell(header.reference), counterpartyName: cell(header.counterparty),
                counterpartyAccount: cell(header.counterpartyAccount),
                remittance: header.remittance.compactMap(cell).joined(separator: " ").nilIfEmpty, line: record.line, contentKey: contentKey))
        }
        return (entries, skipped, problems.closed())
    }

    /// `2020-03-02`, `20200302` or `2020/03/02`.
    static func parseDate(_ text: String) -> CivilDate? {
        let digits = text.filter(\.isNumber)
        let compact = text.count == 8 && digits.count == 8
        let separated = text.count == 10 && digits.count == 8 && (text.contains("-") || text.contains("/"))
        guard compact || separated, let value = Int(digits) else { return nil }
        return try? CivilDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    static func currency(_ text: String?) -> String {
        guard let text else { return "CNY" }
        switch text.uppercased() {
        case "人民币", "CNY", "RMB", "本币": return "CNY"
        case "美元", "USD": return "USD"
        case "欧元", "EUR": return "EUR"
        case "港币", "港元", "HKD": return "HKD"
        default: return text.count == 3 ? text.uppercased() : text
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
