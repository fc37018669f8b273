/// What a `CounsellorID` identifies: a financial counsellor (金融辅导员) who carries firms
/// to their first loan.
public enum CounsellorKind: IdentifierKind { public static let name = "counsellor id" }

/// A counsellor's id (staff number or the coordinator's own code): typed so that it cannot
/// be passed where a loan or advance id is expected.
public typealias CounsellorID = Identifier<CounsellorKind>
