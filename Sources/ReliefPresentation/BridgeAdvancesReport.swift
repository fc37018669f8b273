import ReliefDomain
import ReliefEngine
import ReliefInterchange

/// The fund's advances with their repayments (`bridge list`; the API's advances).
public struct BridgeAdvancesReport {
    public let register: BridgeRegister

    public init(register: BridgeRegister) { self.register = register }

    /// The `--format json` answer (the API answers with it too; the web pages show it).
    public func json() -> JSONValue {
        return JSONValue.object([("advances", .array(register.advances.map { advance in
            .object([("advance_id", .string(advance.id.rawValue)), ("bank", .string(advance.bank)), ("county", .string(advance.county)),
                     ("amount", .string(advance.amount.description)), ("advance_date", .string(advance.date.description)),
                     ("repaid_on", advance.repayment.map { .string($0.date.description) } ?? .null),
                     ("days", advance.repayment.map { .integer($0.days) } ?? .null),
                     ("fee", advance.repayment.map { .string($0.fee.description) } ?? .null)])
        }))])
    }

    public func render(_ format: OutputFormat) -> String {
        let header = ["advance_id", "bank", "county", "amount", "advance_date", "repaid_on", "days", "fee"]
        let rows = register.advances.map { advance in
            [advance.id.rawValue, advance.bank, advance.county, advance.amount.description, advance.date.description,
             advance.repayment?.date.description ?? "", advance.repayment.map { String($0.days) } ?? "",
             advance.repayment?.fee.description ?? ""]
        }
        switch format {
        case .csv:
            var csv = CSVText(header: header)
            for row in rows { csv.append(row) }
            return csv.text
        case .json:
            return json().rendered()
        case .table:
            var table = TextTable([.init(title: "Advance", alignment: .left), .init(title: "Bank", alignment: .left),
                                   .init(title: "County", alignment: .left), .init(title: "Amount", alignment: .right),
                                   .init(title: "Advanced", alignment: .left), .init(title: "Repaid", alignment: .left),
                                   .init(title: "Days", alignment: .right), .init(title: "Fee", alignment: .right)])
            for advance in register.advances {
                table.add([advance.id.rawValue, advance.bank, advance.county, advance.amount.formatted(grouped: true), advance.date.description,
                           advance.repayment?.date.description ?? "outstanding", advance.repayment.map { String($0.days) } ?? "",
                           advance.repayment?.fee.formatted(grouped: true) ?? ""])
            }
            return table.render() + "\(register.advances.count) advance\(register.advances.count == 1 ? "" : "s")\n"
        }
    }
}
