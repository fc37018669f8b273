/// The API's JSON answers as HTML: a page shows the very figures `--format json` gives, under
/// bilingual labels. Scalars of an object become a two-column table, an array of objects a
/// table with a column per key, a nested object a section of its own. Every value cell
/// carries `data-field` (its key) and amounts their exact text in `data-value`, so a reader
/// (or a browser test) can compare with the API.
public enum JSONView {
    /// Labels for the contract's keys, English and Chinese as in the report.
    static let labels: [String: String] = [
        "option": "Option 方案", "interest_and_fees": "Interest and fees 利息与费用", "saving_vs_overdue": "Saving vs overdue 较逾期节省",
        "advice": "Advice 建议", "renewal": "Renewal without repaying principal 无还本续贷", "renewed_on": "Renewed on 续贷日",
        "principal_settled": "Principal settled 结清本金", "accrued_interest_settled": "Accrued interest settled 结清应计利息",
        "options": "Options 各方案", "amount": "Amount 金额", "from": "From 起", "to": "To 止", "days": "Days 天数",
        "daily_rate": "Daily rate 日费率", "daily_rate_cap": "Daily rate cap 日费率上限", "fee_basis": "Fee basis 计费依据", "tiers": "Tiers 分档",
        "fee": "Fee 服务费", "fee_at_old_rate": "Fee at the old rate 原费率服务费", "fee_private": "Private bridge money 民间过桥费用",
        "saving_vs_private": "Saving vs private money 较民间节省", "period": "Period 期次", "due_date": "Due date 应还日",
        "principal": "Principal 本金", "interest": "Interest 利息", "payment": "Payment 还款额", "balance": "Balance 余额",
        "installments": "Installments 还款计划", "total_interest": "Total interest 利息合计", "total_payment": "Total payment 还款合计",
        "loan_id": "Loan 贷款编号", "bank": "Bank 银行", "borrower": "Borrower 借款企业", "credit_code": "Credit code 统一社会信用代码",
        "size": "Size 企业规模", "county": "County 县区", "rate": "Annual rate 年利率", "start": "Start 起息日", "months": "Months 期限(月)",
        "method": "Method 还款方式", "status": "Status 状态", "outstanding": "Outstanding 在贷余额", "deferred": "Deferred 已延期",
        "original_due_date": "Original due date 原应还日", "deferrals": "Deferrals 延期记录", "programme": "Programme 政策",
        "deferral_date": "Deferred to 延至", "deferred_principal": "Deferred principal 延期本金", "deferred_interest": "Deferred interest 延期利息",
        "interest_on_deferred_principal": "Interest on deferred principal 延期本金利息", "relief": "Relief 减免", "imported": "Imported 导入",
        "source": "Source 来源", "on": "On 日期", "loans": "Loans 贷款", "loans_deferred": "Loans deferred 延期笔数",
        "duplicates": "Duplicates 重复", "skipped": "Skipped 跳过", "problems": "Problems 问题", "file": "File 文件", "line": "Line 行",
        "field": "Field 字段", "message": "Message 说明", "ok": "Passed 通过", "invariants": "Invariants checked 检查项",
        "capital": "Capital 资本金", "cash": "Fund cash 基金现金", "advances": "Advances 转贷笔数", "utilisation": "Utilisation 使用率",
        "turnover": "Turnover 周转次数", "breaches": "Breaches 超期", "by_bank": "By bank 按银行", "by_county": "By county 按县区",
        "matched": "Matched 已匹配", "mismatched": "Mismatched 金额不符", "unmatched": "Unmatched 未匹配", "difference": "Difference 差额",
        "enterprise": "Enterprise 企业", "stage": "Stage 阶段", "counsellor": "Counsellor 辅导员", "name": "Name 名称",
        "window_from": "Window from 窗口起", "window_until": "Window until 窗口止", "penalty_uplift": "Penalty uplift 罚息上浮",
        "programmes": "Programmes 政策", "advance_id": "Advance 转贷编号", "repaid": "Repaid 已还", "due": "Due 到期",
        "loans_considered": "Loans considered 审核笔数", "loans_refused": "Loans refused 不符合笔数", "loans_already_deferred": "Already deferred 已延期笔数",
        "loans_with_nothing_in_window": "Nothing due in the window 窗口内无应还", "refusals": "Refused loans 不符合条件的贷款", "reason": "Reason 原因",
        "credit_line": "Credit line 授信额度", "applied": "Applied for relief 申请日", "day_count": "Day count 计息基础", "settlement": "Settlement 结息方式",
        "already_matched": "Already matched 此前已匹配", "already_mismatched": "Already mismatched 此前金额不符", "unmatched_statement": "Unmatched on the statement 对账单未匹配",
        "unmatched_ledger": "Unmatched in the ledger 账簿未匹配", "not_reconcilable": "Not reconcilable 无法对账", "batch_details": "Batch details 批量明细",
        "entries": "Statement entries 对账单笔数", "statement": "Statement 对账单", "items": "Items 明细", "date": "Date 日期", "direction": "Direction 方向",
        "currency": "Currency 币种", "end_to_end_id": "End-to-end id 端到端编号", "event": "Ledger event 账簿事项", "reference": "Reference 参考号",
        "ledger_amount": "Ledger amount 账簿金额", "advance_date": "Advance date 转贷日", "repaid_on": "Repaid on 归还日",
        "advanced_total": "Amount advanced 转贷金额", "fee_income": "Fee income 服务费收入", "average_days": "Average days 平均天数", "days_over": "Days over 超期天数",
        "id": "Id 编号", "under_cultivation": "Under cultivation 培植企业数", "first_loan_borrowers": "First-loan borrowers 首贷企业数",
        "first_loan_amount": "First-loan amount 首贷金额", "first_loan_rate": "First-loan rate 首贷率", "new_borrowers": "New borrowers 新增贷款企业",
        "first_loan_share_of_new_borrowers": "Share of new borrowers 占新增贷款企业比例", "first_loan_borrowers_all": "First loans, all firms 首贷企业(全部)",
        "median_days_to_first_loan": "Median days to first loan 首贷天数中位数", "funnel": "Funnel 培植漏斗", "reached": "Reached 到达", "conversion": "Conversion 转化率",
        "title": "Title 名称", "until": "Until 止", "sizes": "Sizes 企业规模", "credit_line_cap": "Credit line cap 授信上限", "maturing_from": "Maturing from 到期起",
        "maturing_until": "Maturing until 到期止", "totals": "Totals 合计", "compound_on_deferred_interest": "Compound on deferred interest 延期利息复利",
        "penalty_interest_without_relief": "Penalty interest without relief 不纾困罚息", "compound_interest_without_relief": "Compound interest without relief 不纾困复利",
        "by_counsellor": "By counsellor 按辅导员", "message_definition": "Message 报文",
    ]

    /// The label of `key`: its bilingual label, or the key in words.
    public static func label(_ key: String) -> String {
        labels[key] ?? key.split(separator: "_").joined(separator: " ").capitalizedFirst
    }

    /// `value` (an answer of the API) as HTML; `key` names it (a table's `data-key`).
    public static func render(_ value: JSONValue, key: String? = nil) -> HTML {
        switch value {
        case .object(let members):
            let scalars = members.filter { !$0.1.isComposite }
            var html: HTML = .empty
            if !scalars.isEmpty {
                let rows: [HTML] = scalars.map { member in "<tr><th scope=\"row\">\(label(member.0))</th>\(cell(member.0, member.1))</tr>" }
                html += "<table class=\"figures\" data-key=\"\(key ?? "")\"><tbody>\(rows)</tbody></table>"
            }
            for (memberKey, memberValue) in members where memberValue.isComposite {
                html += "<h2>\(label(memberKey))</h2>" + render(memberValue, key: memberKey)
            }
            return html
        case .array(let items):
            guard !items.isEmpty else { return "<p data-key=\"\(key ?? "")\">None 无</p>" }
            guard case .object(let first) = items[0] else {
                let entries: [HTML] = items.map { "<li>\(text($0))</li>" }
                return "<ul data-key=\"\(key ?? "")\">\(entries)</ul>"
            }
            let keys = first.filter { !$0.1.isComposite }.map(\.0)
            let header: [HTML] = keys.map { "<th scope=\"col\">\(label($0))</th>" }
            let rows: [HTML] = items.map { item in
                guard case .object(let members) = item else { return "<tr><td>\(text(item))</td></tr>" }
                let byKey = Dictionary(members, uniquingKeysWith: { first, _ in first })
                let cells: [HTML] = keys.map { cell($0, byKey[$0] ?? .null) }
                return "<tr>\(cells)</tr>"
            }
            return "<table data-key=\"\(key ?? "")\"><thead><tr>\(header)</tr></thead><tbody>\(rows)</tbody></table>"
        default:
            return "<p>\(text(value))</p>"
        }
    }

    /// One value cell: amounts right-aligned and grouped, with the exact text in `data-value`.
    static func cell(_ key: String, _ value: JSONValue) -> HTML {
        let exact = text(value)
        if case .string(let string) = value, let grouped = groupedAmount(string) {
            return "<td class=\"n\" data-field=\"\(key)\" data-value=\"\(exact)\">\(grouped)</td>"
        }
        if case .integer = value { return "<td class=\"n\" data-field=\"\(key)\" data-value=\"\(exact)\">\(exact)</td>" }
        if case .bool(let flag) = value {
            return "<td data-field=\"\(key)\" data-value=\"\(exact)\">\(flag ? "yes 是" : "no 否")</td>"
        }
        return "<td data-field=\"\(key)\" data-value=\"\(exact)\">\(exact)</td>"
    }

    /// The text of a scalar as the API writes it (null is empty).
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): return string
        case .integer(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .array, .object: return ""
        }
    }

    /// "1234567.80" as "1,234,567.80"; nil when `text` is not an amount with two decimals.
    static func groupedAmount(_ text: String) -> String? {
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, !parts[0].isEmpty,
              parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber)
        else { return nil }
        var grouped = ""
        for (index, digit) in parts[0].enumerated() {
            if index > 0, (parts[0].count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + grouped + "." + parts[1]
    }
}

extension JSONValue {
    var isComposite: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
