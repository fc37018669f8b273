import ReliefApp
import ReliefDomain
import ReliefEngine
import ReliefLedger

/// The ledger's figures as one self-contained XHTML page: inline CSS and SVG, no script, no
/// font or image from the network; a table beneath each chart holds its numbers.
public struct HTMLReport {
    public let data: ReportWorkflow.Data

    public init(_ data: ReportWorkflow.Data) { self.data = data }

    public var from: CivilDate { data.from }
    public var to: CivilDate { data.to }
    public var bridge: BridgeReport { data.bridge }
    public var bridgeDays: [BridgeTimeline.Day] { data.bridgeDays }
    public var reliefByBank: [ReliefStatistics.Group] { data.reliefByBank }
    public var reliefByMonth: [ReliefStatistics.Group] { data.reliefByMonth }
    public var deferredPrincipal: [(date: CivilDate, balance: Money)] { data.deferredPrincipal }
    public var firstLoans: FirstLoanReport { data.firstLoans }

    public func render() -> String {
        let e = SVGChart.escape
        var body = "<h1>CreditRelief 信贷纾困 report</h1><p class=\"period\">\(from) – \(to)</p>"
        let output = BridgeReportOutput(report: bridge)

        body += "<h2>Bridge fund balance and outstanding advances 应急转贷基金余额与在贷</h2>"
        if bridgeDays.isEmpty || bridge.capital.isZero && bridge.advances == 0 {
            body += "<p>No bridge fund movements in the period.</p>"
        } else {
            body += SVGChart.lines(title: "Fund cash and advances outstanding (CNY) 基金现金与在贷余额", dates: bridgeDays.map(\.date),
                                   series: [("Fund cash 基金现金", "#2f6db5", bridgeDays.map(\.cash)),
                                            ("Outstanding 在贷", "#c0392b", bridgeDays.map(\.outstanding))])
            body += table(["Figure 指标", "Value 数值"], [
                ["Capital 资本金", bridge.capital.formatted(grouped: true)], ["Outstanding 在贷", bridge.outstanding.formatted(grouped: true)],
                ["Fund cash 基金现金", bridge.balance.formatted(grouped: true)], ["Advances 笔数", String(bridge.advances)],
                ["Amount advanced 转贷金额", bridge.advancedTotal.formatted(grouped: true)], ["Fee income 服务费收入", bridge.feeIncome.formatted(grouped: true)],
                ["Average days 平均天数", output.averageDays], ["Utilisation 使用率", output.utilisation], ["Turnover 周转次数", output.turnover],
                ["Breaches 超期", String(bridge.breaches.count)],
            ])
        }

        body += "<h2>Relief by bank 各银行减免</h2>"
        if reliefByBank.isEmpty { body += "<p>No deferral in the period.</p>" } else {
            body += SVGChart.bars(title: "Penalty and compound interest spared, by bank (CNY) 各银行减免罚息复利", reliefByBank.map { ($0.name, $0.relief) })
            body += table(["Bank 银行", "Loans deferred 延期笔数", "Deferred principal 延期本金", "Relief 减免"],
                          reliefByBank.map { [$0.name, String($0.loans), $0.deferredPrincipal.formatted(grouped: true), $0.relief.formatted(grouped: true)] })
        }

        body += "<h2>Relief by month 按月减免</h2>"
        if reliefByMonth.isEmpty { body += "<p>No deferral in the period.</p>" } else {
            body += SVGChart.bars(title: "Relief by month of the first deferred installment (CNY) 按月减免", reliefByMonth.map { ($0.name, $0.relief) })
            body += table(["Month 月份", "Loans deferred 延期笔数", "Deferred principal 延期本金", "Relief 减免"],
                          reliefByMonth.map { [$0.name, String($0.loans), $0.deferredPrincipal.formatted(grouped: true), $0.relief.formatted(grouped: true)] })
        }

        body += "<h2>Deferred principal outstanding 延期本金余额</h2>"
        if deferredPrincipal.isEmpty { body += "<p>No deferred principal.</p>" } else {
            body += SVGChart.lines(title: "Deferred principal outstanding (CNY) 延期本金余额", dates: deferredPrincipal.map(\.date),
                                   series: [("Deferred principal 延期本金", "#8e44ad", deferredPrincipal.map(\.balance))])
            body += table(["Date 日期", "Balance 余额"], deferredPrincipal.map { [$0.date.description, $0.balance.formatted(grouped: true)] })
        }

        body += "<h2>First-loan funnel 首贷培植漏斗</h2>"
        let totals = firstLoans.totals
        if totals.underCultivation == 0 { body += "<p>No enterprise under cultivation in the period.</p>" } else {
            // Bars of firm counts: the chart helper draws amounts, so counts go in as whole "yuan".
            body += SVGChart.bars(title: "Firms reaching each stage 各阶段企业数", CultivationStage.pipeline.map { stage in
                (stage.rawValue, Money(yuan: Int64(totals.reached(stage))))
            })
            body += table(["Stage 阶段", "Firms 企业数", "Of cultivated 占比"], CultivationStage.pipeline.map { stage in
                [stage.rawValue, String(totals.reached(stage)), Decimals.format(totals.conversionTenThousandths(stage), decimals: 4)]
            } + [["First-loan amount 首贷金额", totals.firstLoanAmount.formatted(grouped: true), Decimals.format(totals.firstLoanRateTenThousandths, decimals: 4)]])
        }

        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN"><head><meta charset="UTF-8"/><title>\(e("CreditRelief report \(from) – \(to)"))</title>
            <style>body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}h2{margin-top:2em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .period{color:#666}</style></head><body>\(body)</body></html>

            """
    }

    public func table(_ header: [String], _ rows: [[String]]) -> String {
        var html = "<table><thead><tr>" + header.map { "<th>\(SVGChart.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                index == 0 ? "<td>\(SVGChart.escape(cell))</td>" : "<td class=\"n\">\(SVGChart.escape(cell))</td>"
            }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }
}
