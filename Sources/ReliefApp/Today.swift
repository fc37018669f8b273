import Foundation
import ReliefDomain

/// Where "today" comes from for every front end: `RELIEF_TODAY=YYYY-MM-DD` when set (SPEC.md:
/// tests and golden files are reproducible), else the system clock's civil date in the
/// machine's time zone (a bureau in Jining works in China Standard Time).
///
/// Workflows never read the clock: a front end resolves today once per request or command and
/// passes it in as `today: CivilDate`.
public enum Today {
    /// The environment variable that fixes today.
    public static let environmentVariable = "RELIEF_TODAY"

    /// Today from `environment` (when it sets `RELIEF_TODAY`) or from `now`; a value that is not
    /// a valid `YYYY-MM-DD` date throws the date's `ParseError` naming the variable.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment,
                               now: Date = Date(), timeZone: TimeZone = .current) throws(ParseError) -> CivilDate {
        if let text = environment[environmentVariable], !text.isEmpty {
            do {
                return try CivilDate(parsing: text)
            } catch {
                throw ParseError(input: text, kind: "date in \(environmentVariable)", reason: error.reason)
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return try CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Whether today is fixed by the environment (a reproducible run): writers that stamp a
    /// time of day (pain.001's creation time) then use midnight of that day.
    public static func isFixed(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment[environmentVariable] ?? "").isEmpty
    }
}
