import ReliefDomain
import ReliefEngine
import ReliefInterchange

/// The bridge fund report in the three formats (SPEC.md "bridge report --format json").
public struct BridgeReportOutput {
    public let report: BridgeReport

    public init(report: BridgeReport) {
        self.report = report
    }

    public var averageDays: String { Decimals.format(report.averageDaysHundredths, decimals: 2) }
    public var utilisation: String { Decimals.format(report.utilisationTenThousandths, decimals: 4) }
    public var turnover: String { Decimals.format(report.turnoverTenThousandths, decimals: 4) }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return json().rendered()
        case .csv: return csv()
        case .table: return table()
        }
    }

    public static func groupJSON(_ group: BridgeReport.Group, key: String) -> JSONValue {
        .object([(key, .string(group.name)), ("advances", .integer(group.advances)), ("advanced_total", .string(group.advancedTotal.description)),
                 ("fee_income", .string(group.feeIncome.description)), ("outstanding", .string(group.outstanding.description))])
    }

    public func json() -> JSONValue {
        .object([
            ("from", .string(report.from.description)), ("to", .string(report.to.description)),
            ("capital", .string(report.capital.description)), ("balance", .string(report.balance.description)),
            ("outstanding", .string(report.outstanding.description)), ("advances", .integer(report.advances)),
            ("advanced_total", .string(report.advancedTotal.description)), ("fee_income", .string(report.feeIncome.description)),
            ("average_days", .string(averageDays)), ("utilisation", .string(utilisation)), ("turnover", .string(turnover)),
            ("breaches", .array(report.breaches.map { .object([("id", .string($0.id.rawValue)), ("days", .integer($0.days)),
                                                               ("days_over", .integer($0.daysOver)),
                                                               ("status", .string($0.outstanding ? "outstanding" : "repaid late"))]) })),
            ("by_bank", .array(report.byBank.map { BridgeReportOutput.groupJSON($0, key: "bank") })),
            ("by_county", .array(report.byCounty.map { BridgeReportOutput.groupJSON($0, key: "county") })),
        ])
    }

    public func csv() -> String {
        // The fund row carries the figures of the JSON that belong to the whole fund; a bank
        // or county row leaves them empty.
        var csv = CSVText(header: ["group", "name", "advances", "advanced_total", "fee_income", "outstanding",
                                   "from", "to", "capital", "balance", "average_days", "utilisation", "turnover", "breaches"])
        csv.append(["fund", "", String(report.advances), report.advancedTotal.description, report.feeIncome.description, report.outstanding.description,
                    report.from.description, report.to.description, report.capital.description, report.balance.description, averageDays,
                    utilisation, turnover, String(report.breaches.count)])
        let fundOnly = Array(repeating: "", count: 8)
        for group in report.byBank {
            csv.append(["bank", group.name, String(group.advances), group.advancedTotal.description, group.feeIncome.description,
                        group.outstanding.description] + fundOnly)
        }
        for group in report.byCounty {
            csv.append(["county", group.name, String(group.advances), group.advancedTotal.description, group.feeIncome.description,
                        group.outstanding.description] + fundOnly)
        }
        return csv.text
    }

    public func table() -> String {
        var summary = TextTable([.init(title: "Bridge fund \(report.from) to \(report.to)", alignment: .left), .init(title: "", alignment: .right)])
        summary.add(["Capital at the end", report.capital.formatted(grouped: true)])
        summary.add(["Advances outstanding", report.outstanding.formatted(grouped: true)])
        summary.add(["Fund cash (capital - outstanding + fees)", report.balance.formatted(grouped: true)])
        summary.add(["Advances in the period", String(report.advances)])
        summary.add(["Amount advanced", report.advancedTotal.formatted(grouped: true)])
        summary.add(["Fee income", report.feeIncome.formatted(grouped: true)])
        summary.add(["Average days (advances repaid)", averageDays])
        summary.add(["Utilisation", utilisation])
        summary.add(["Turnover", turnover])
        var text = summary.render()
        for (title, groups) in [("Bank", report.byBank), ("County", report.byCounty)] where !groups.isEmpty {
            var table = TextTable([.init(title: title, alignment: .left), .init(title: "Advances", alignment: .right),
                                   .init(title: "Advanced", alignment: .right), .init(title: "Fees", alignment: .right),
                                   .init(title: "Outstanding", alignment: .right)])
            for group in groups {
                table.add([group.name.isEmpty ? "(none)" : group.name, String(group.advances), group.advancedTotal.formatted(grouped: true),
                           group.feeIncome.formatted(grouped: true), group.outstanding.formatted(grouped: true)])
            }
            text += "\n" + table.render()
        }
        if !report.breaches.isEmpty {
            var breaches = TextTable([.init(title: "Breach", alignment: .left), .init(title: "Days", alignment: .right),
                                      .init(title: "Over", alignment: .right), .init(title: "Status", alignment: .left)])
            for breach in report.breaches {
                breaches.add([breach.id.rawValue, String(breach.days), String(breach.daysOver), breach.outstanding ? "still outstanding" : "repaid late"])
            }
            text += "\n" + breaches.render()
        }
        return text
    }
}
