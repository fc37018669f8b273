import ReliefDomain
import ReliefInterchange

/// The relief programmes and what each defers (`programmes`, the API's `/api/v1/programmes`).
public struct ProgrammesReport {
    public let programmes: [ReliefProgramme]

    public init(programmes: [ReliefProgramme]) { self.programmes = programmes }

    /// The `--format json` answer (the API answers with it too; the web pages show it).
    public func json() -> JSONValue {
        func maturing(_ programme: ReliefProgramme) -> String {
            programme.eligibility.maturing.map { "\($0.lowerBound)..\($0.upperBound)" } ?? ""
        }
        func sizes(_ programme: ReliefProgramme) -> String {
            EnterpriseSize.allCases.filter(programme.eligibility.sizes.contains).map(\.rawValue).joined(separator: ",")
        }
        return JSONValue.object([("programmes", .array(programmes.map { programme in
            .object([
                ("name", .string(programme.name)), ("title", .string(programme.title)),
                ("from", .string(programme.window.lowerBound.description)),
                ("until", .string(programme.window.upperBound.description)),
                ("deferral_date", .string(programme.deferralDate.description)),
                ("sizes", .array(EnterpriseSize.allCases.filter(programme.eligibility.sizes.contains).map { .string($0.rawValue) })),
                ("credit_line_cap", programme.eligibility.creditLineCap.map { .string($0.description) } ?? .null),
                ("penalty_uplift", .string(programme.penaltyUplift.percentString())),
                ("maturing_from", programme.eligibility.maturing.map { .string($0.lowerBound.description) } ?? .null),
                ("maturing_until", programme.eligibility.maturing.map { .string($0.upperBound.description) } ?? .null),
            ])
        }))])
    }

    public func render(_ format: OutputFormat) -> String {
        func maturing(_ programme: ReliefProgramme) -> String {
            programme.eligibility.maturing.map { "\($0.lowerBound)..\($0.upperBound)" } ?? ""
        }
        func sizes(_ programme: ReliefProgramme) -> String {
            EnterpriseSize.allCases.filter(programme.eligibility.sizes.contains).map(\.rawValue).joined(separator: ",")
        }
        switch format {
        case .table:
            var table = TextTable([
                .init(title: "Name", alignment: .left), .init(title: "Due from", alignment: .left),
                .init(title: "Due until", alignment: .left), .init(title: "Deferred to", alignment: .left),
                .init(title: "Sizes", alignment: .left), .init(title: "Credit-line cap", alignment: .right),
                .init(title: "Maturing", alignment: .left), .init(title: "Notice", alignment: .left),
            ])
            for programme in programmes {
                table.add([programme.name, programme.window.lowerBound.description, programme.window.upperBound.description,
                           programme.deferralDate.description, sizes(programme),
                           programme.eligibility.creditLineCap?.formatted(grouped: true) ?? "none",
                           maturing(programme).isEmpty ? "any" : maturing(programme), programme.title])
            }
            return table.render()
        case .csv:
            var csv = CSVText(header: ["name", "from", "until", "deferral_date", "sizes", "credit_line_cap", "penalty_uplift", "maturing_from",
                                       "maturing_until", "title"])
            for programme in programmes {
                csv.append([programme.name, programme.window.lowerBound.description, programme.window.upperBound.description,
                            programme.deferralDate.description, sizes(programme),
                            programme.eligibility.creditLineCap?.description ?? "", programme.penaltyUplift.percentString(),
                            programme.eligibility.maturing?.lowerBound.description ?? "",
                            programme.eligibility.maturing?.upperBound.description ?? "", programme.title])
            }
            return csv.text
        case .json:
            return json().rendered()
        }
    }
}
