import ReliefDomain
import ReliefEngine
import ReliefInterchange

/// The first-loan report in the three formats (SPEC.md "firstloan report --format json":
/// its six keys first, then the median, the funnel and the groups).
public struct FirstLoanReportOutput {
    public let report: FirstLoanReport

    public init(report: FirstLoanReport) {
        self.report = report
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return json().rendered()
        case .csv: return csv()
        case .table: return table()
        }
    }

    public static func ratio(_ value: Int128) -> String { Decimals.format(value, decimals: 4) }

    public static func median(_ figures: FirstLoanReport.Figures) -> String? {
        figures.medianDaysHundredths.map { Decimals.format($0, decimals: 2) }
    }

    /// The KPI members shared by the whole report and each group, in the contract's order.
    public static func members(_ figures: FirstLoanReport.Figures) -> [(String, JSONValue)] {
        [("under_cultivation", .integer(figures.underCultivation)), ("first_loan_borrowers", .integer(figures.firstLoanBorrowers)),
         ("first_loan_amount", .string(figures.firstLoanAmount.description)),
         ("first_loan_rate", .string(ratio(figures.firstLoanRateTenThousandths))), ("new_borrowers", .integer(figures.newBorrowers)),
         ("first_loan_share_of_new_borrowers", .string(ratio(figures.shareOfNewBorrowersTenThousandths))),
         ("first_loan_borrowers_all", .integer(figures.firstLoanBorrowersAll)),
         ("median_days_to_first_loan", median(figures).map(JSONValue.string) ?? .null),
         ("funnel", .array(CultivationStage.allCases.map { stage in
             .object([("stage", .string(stage.rawValue)), ("reached", .integer(figures.reached(stage))),
                      ("conversion", .string(ratio(figures.conversionTenThousandths(stage))))])
         }))]
    }

    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = FirstLoanReportOutput.members(report.totals)
        members.insert(contentsOf: [("from", .string(report.from.description)), ("to", .string(report.to.description))], at: 0)
        if let grouping = report.grouping {
            members.append(("by_" + grouping.rawValue, .array(report.groups.map { group in
                var head: [(String, JSONValue)] = [(grouping.rawValue, group.name.isEmpty ? .null : .string(group.name))]
                if grouping == .counsellor { head.append(("name", group.label.map(JSONValue.string) ?? .null)) }
                return .object(head + FirstLoanReportOutput.members(group.figures))
            })))
        }
        return .object(members)
    }

    public static let csvHeader = ["group", "name", "under_cultivation", "first_loan_borrowers", "first_loan_amount", "first_loan_rate", "new_borrowers",
                            "first_loan_share_of_new_borrowers", "first_loan_borrowers_all", "median_days_to_first_loan"]
        + CultivationStage.allCases.map(\.rawValue)

    public static func csvFields(_ group: String, _ name: String, _ figures: FirstLoanReport.Figures) -> [String] {
        [group, name, String(figures.underCultivation), String(figures.firstLoanBorrowers), figures.firstLoanAmount.description,
         ratio(figures.firstLoanRateTenThousandths), String(figures.newBorrowers), ratio(figures.shareOfNewBorrowersTenThousandths),
         String(figures.firstLoanBorrowersAll), median(figures) ?? ""]
            + CultivationStage.allCases.map { String(figures.reached($0)) }
    }

    /// One row for the whole period (`group` = all), then one per group.
    public func csv() -> String {
        var csv = CSVText(header: FirstLoanReportOutput.csvHeader)
        csv.append(FirstLoanReportOutput.csvFields("all", "", report.totals))
        for group in report.groups {
            csv.append(FirstLoanReportOutput.csvFields(report.grouping?.rawValue ?? "", group.name, group.figures))
        }
        return csv.text
    }

    public func table() -> String {
        let totals = report.totals
        var summary = TextTable([.init(title: "First loans \(report.from) to \(report.to)", alignment: .left), .init(title: "", alignment: .right)])
        summary.add(["Under cultivation", String(totals.underCultivation)])
        summary.add(["First-loan borrowers (cultivated)", String(totals.firstLoanBorrowers)])
        summary.add(["First-loan amount (CNY)", totals.firstLoanAmount.formatted(grouped: true)])
        summary.add(["First-loan rate", FirstLoanReportOutput.ratio(totals.firstLoanRateTenThousandths)])
        summary.add(["New borrowers", String(totals.newBorrowers)])
        summary.add(["First-loan borrowers (all firms)", String(totals.firstLoanBorrowersAll)])
        summary.add(["First-loan share of new borrowers", FirstLoanReportOutput.ratio(totals.shareOfNewBorrowersTenThousandths)])
        summary.add(["Median days, identification to first loan", FirstLoanReportOutput.median(totals) ?? "-"])
        var funnel = TextTable([.init(title: "Stage reached", alignment: .left), .init(title: "Firms", alignment: .right),
                                .init(title: "Of cultivated", alignment: .right)])
        for stage in CultivationStage.allCases {
            funnel.add(["\(stage.rawValue) \(stage.chineseName)", String(totals.reached(stage)),
                        FirstLoanReportOutput.ratio(totals.conversionTenThousandths(stage))])
        }
        var text = summary.render() + "\n" + funnel.render()
        if let grouping = report.grouping {
            var groups = TextTable([.init(title: grouping.rawValue.prefix(1).uppercased() + grouping.rawValue.dropFirst(), alignment: .left),
                                    .init(title: "Cultivated", alignment: .right), .init(title: "First loans", alignment: .right),
                                    .init(title: "Amount", alignment: .right), .init(title: "Rate", alignment: .right),
                                    .init(title: "New borrowers", alignment: .right), .init(title: "Share", alignment: .right),
                                    .init(title: "Median days", alignment: .right)])
            for group in report.groups {
                let figures = group.figures
                let name = group.name.isEmpty ? "(none)" : group.name + (group.label.map { " \($0)" } ?? "")
                groups.add([name, String(figures.underCultivation), String(figures.firstLoanBorrowers), figures.firstLoanAmount.formatted(grouped: true),
                            FirstLoanReportOutput.ratio(figures.firstLoanRateTenThousandths), String(figures.newBorrowers),
                            FirstLoanReportOutput.ratio(figures.shareOfNewBorrowersTenThousandths), FirstLoanReportOutput.median(figures) ?? "-"])
            }
            text += "\n" + groups.render()
        }
        return text
    }
}
