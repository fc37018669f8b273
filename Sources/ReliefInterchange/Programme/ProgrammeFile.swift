import Foundation
import ReliefDomain

/// Reads a user-defined relief programme from a JSON file (documented in README.md):
///
/// ```json
/// { "name": "jining-2020", "title": "Jining city deferral",
///   "from": "2020-01-25", "until": "2020-06-30", "deferral_date": "2020-06-30",
///   "scope": "both", "interest_on_deferred_principal": true,
///   "compound_on_deferred_interest": false, "penalty_uplift": "50%",
///   "sizes": ["micro", "small", "medium"], "credit_line_cap": "10000000.00",
///   "application_required": true }
/// Optional `"maturing_from"` and `"maturing_until"` (both or neither) restrict the programme
/// to loans whose maturity falls between them (the 2022-11 notice: loans maturing in Q4 2022).
/// ```
/// Required: `name`, `from`, `until`. Every other field has the default of the 2020
/// programme (deferral date = `until`). Every problem of the file is reported at once, each
/// naming its field; an unknown field is a problem too (a misspelt option must not be
/// silently ignored).
public enum ProgrammeFile {
    /// Why a programme file cannot be used.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Kind: Sendable { case missing, invalid }
        public let kind: Kind
        public let message: String

        init(_ kind: Kind, _ message: String) {
            self.kind = kind
            self.message = message
        }

        public var description: String { message }
    }

    /// Files larger than this are refused before reading: a programme is a few hundred bytes.
    static let maximumBytes = 64 * 1024

    static let knownFields: Set<String> = [
        "name", "title", "from", "until", "deferral_date", "scope", "interest_on_deferred_principal",
        "compound_on_deferred_interest", "penalty_uplift", "sizes", "credit_line_cap", "application_required",
        "maturing_from", "maturing_until",
    ]

    public static func load(path: String) throws -> ReliefProgramme {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Problem(.missing, "no programme named '\(path)' and no such file; presets: \(ReliefProgramme.presetNames.joined(separator: ", "))")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > maximumBytes {
            throw Problem(.invalid, "\(path): \(size) bytes is more than a programme file may hold (\(maximumBytes))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(.missing, "\(path): cannot be read")
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws -> ReliefProgramme {
        let object: [String: Any]
        do {
            guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw Problem(.invalid, "\(path): a programme file holds one JSON object")
            }
            object = top
        } catch let failure as Problem {
            throw failure
        } catch {
            // Foundation's own description says only "The data is not in the correct format"; its
            // debug description says where and why ("Invalid value around character 5.").
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            throw Problem(.invalid, "\(path): not valid JSON (\(detail.trimmingCharacters(in: CharacterSet(charactersIn: "."))))")
        }
        var problems: [String] = []
        // JSONSerialization keeps the last of two equal keys without a word: a programme
        // with `"from"` twice is ambiguous, so it is refused with the lines of both.
        for (key, lines) in duplicateKeys(Array(data)) {
            problems.append("field \"\(key)\" is given \(lines.count) times (lines \(lines.map(String.init).joined(separator: ", ")))")
        }
        for key in object.keys.sorted() where !knownFields.contains(key) {
            problems.append("unknown field \"\(key)\" (known: \(knownFields.sorted().joined(separator: ", ")))")
        }
        func text(_ key: String, required: Bool = false) -> String? {
            guard let value = object[key] else {
                if required { problems.append("field \"\(key)\" is required") }
                return nil
            }
            guard let string = value as? String else {
                problems.append("field \"\(key)\" must be a string")
                return nil
            }
            return string
        }
        func flag(_ key: String, default value: Bool) -> Bool {
            guard let raw = object[key] else { return value }
            // JSON true/false arrive as a boolean NSNumber; 1 and 0 arrive as plain numbers and are refused.
            guard let boolean = raw as? Bool, String(describing: type(of: raw)).contains("Bool") else {
                problems.append("field \"\(key)\" must be true or false")
                return value
            }
            return boolean
        }
        func parsed<T>(_ key: String, required: Bool = false, _ parse: (String) throws(ParseError) -> T) -> T? {
            guard let string = text(key, required: required) else { return nil }
            do { return try parse(string) } catch {
                problems.append("field \"\(key)\": \(error)")
                return nil
            }
        }
        let name = text("name", required: true)
        if let name, name.isEmpty || name.count > 64 { problems.append("field \"name\" must have 1 to 64 characters") }
        let title = text("title")
        let from = parsed("from", required: true) { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
        let until = parsed("until", required: true) { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
        let deferralDate = parsed("deferral_date") { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
        let uplift = parsed("penalty_uplift") { (s: String) throws(ParseError) in try Rate(parsing: s) }
        let cap = parsed("credit_line_cap") { (s: String) throws(ParseError) in try Money(parsing: s) }
        let maturingFrom = parsed("maturing_from") { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
        let maturingUntil = parsed("maturing_until") { (s: String) throws(ParseError) in try CivilDate(parsing: s) }
        var maturing: ClosedRange<CivilDate>?
        switch (maturingFrom, maturingUntil) {
        case let (from?, until?) where from <= until: maturing = from...until
        case let (from?, until?): problems.append("field \"maturing_from\" (\(from)) is after \"maturing_until\" (\(until))")
        case (nil, nil): break
        default:
            if (object["maturing_from"] == nil) != (object["maturing_until"] == nil) {
                problems.append("fields \"maturing_from\" and \"maturing_until\" come together: give both or neither")
            }
        }
        var scope = ReliefProgramme.Scope.both
        if let raw = text("scope") {
            if let value = ReliefProgramme.Scope(rawValue: raw) { scope = value } else {
                problems.append("field \"scope\": '\(raw)' is not principal, interest or both")
            }
        }
        var sizes: Set<EnterpriseSize> = [.micro, .small, .medium]
        if let raw = object["sizes"] {
            if let list = raw as? [String], !list.isEmpty {
                sizes = []
                for item in list {
                    do { sizes.insert(try EnterpriseSize(parsing: item)) } catch { problems.append("field \"sizes\": \(error)") }
                }
            } else {
                problems.append("field \"sizes\" must be a non-empty list such as [\"micro\", \"small\"]")
            }
        }
        let interestOnDeferred = flag("interest_on_deferred_principal", default: true)
        let compound = flag("compound_on_deferred_interest", default: false)
        let applicationRequired = flag("application_required", default: true)
        if let uplift, !ReliefProgramme.penaltyUpliftRange.contains(uplift) {
            problems.append("field \"penalty_uplift\": \(uplift.percentString()) is outside 30% to 100% (30-50% overdue, 50-100% misused)")
        }
        if let until, let deferralDate, deferralDate < until {
            problems.append("field \"deferral_date\" (\(deferralDate)) is before \"until\" (\(until))")
        }
        if let from, let until, from > until { problems.append("field \"from\" (\(from)) is after \"until\" (\(until))") }
        guard problems.isEmpty, let name, let from, let until, from <= until else {
            throw Problem(.invalid, "\(path): invalid programme:\n  " + problems.joined(separator: "\n  "))
        }
        do {
            return try ReliefProgramme(
                name: name, title: title ?? name, window: from...until, deferralDate: deferralDate ?? until, scope: scope,
                interestOnDeferredPrincipal: interestOnDeferred, compoundOnDeferredInterest: compound,
                penaltyUplift: uplift ?? Rate(percent: 50),
                eligibility: .init(sizes: sizes, creditLineCap: cap, applicationRequired: applicationRequired, maturing: maturing))
        } catch {
            throw Problem(.invalid, "\(path): invalid programme: \(error.message)")
        }
    }

    /// The keys of the top-level object that occur more than once, each with its lines, in
    /// the order first met. The text is valid JSON (JSONSerialization read it first).
    static func duplicateKeys(_ bytes: [UInt8]) -> [(key: String, lines: [Int])] {
        var depth = 0, line = 1, index = 0
        var expectingKey = false
        var seen: [String: [Int]] = [:]
        var order: [String] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = byte == UInt8(ascii: "{") && depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ","): expectingKey = depth == 1
            case UInt8(ascii: "\""):
                // A string: its end is the next quote not escaped by a backslash.
                var end = index + 1
                var text: [UInt8] = []
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") { text.append(bytes[end]); end += 1 }
                    if end < bytes.count { text.append(bytes[end]) }
                    end += 1
                }
                if expectingKey {
                    let key = String(decoding: text, as: UTF8.self)
                    if seen[key] == nil { order.append(key) }
                    seen[key, default: []].append(line)
                    expectingKey = false
                }
                index = end
            default: break
            }
            index += 1
        }
        return order.compactMap { key in seen[key].flatMap { $0.count > 1 ? (key, $0) : nil } }
    }
}
