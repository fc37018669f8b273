import Foundation
import ReliefDomain
@testable import ReliefInterchange
import Testing

/// The one-pass loan-book reader: the forms it checks instead of the XSD's patterns refuse
/// exactly what the published XSD refuses (libxml2 with the patterns is the oracle), every
/// attribute of those types is covered, bad input is refused with its line in one pass, and
/// with a lookup the reader keeps no enterprise.
@Suite struct LoanBookReaderTests {
    static let code = "91350100M000100Y43"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LoanBook xmlns=\"urn:creditrelief:loanbook:1\" version=\"1\" revision=\"2\">\n"
    static let enterprise = "<Enterprise creditCode=\"\(code)\" name=\"甲\" size=\"small\" county=\"任城区\"/>\n"

    static func loan(principal: String = "100.00", rate: String = "0.0435", start: String = "2020-01-15", enterprise: String = code) -> String {
        "<Loan id=\"A\" enterprise=\"\(enterprise)\" bank=\"济宁银行\" principal=\"\(principal)\" rate=\"\(rate)\" start=\"\(start)\" months=\"12\" method=\"annuity\" dayCount=\"30/360\" settlement=\"due-dates\"/>\n"
    }

    static func problems(_ text: String, lookup: LoanBookReader.EnterpriseLookup? = nil) -> [ImportProblem] {
        do {
            try LoanBookReader().read(bytes: Array(text.utf8), file: "book.xml", enterprise: lookup) { _, _ in }
            return []
        } catch let failure as ImportFailure {
            return failure.problems
        } catch {
            return [ImportProblem(file: "book.xml", line: 0, message: "\(error)")]
        }
    }

    /// The published XSD, patterns and all: what the reader must agree with.
    static let published: XMLSchemaValidator = {
        do { return try XMLSchemaValidator(text: LoanBookSchema.xsd, name: "loanbook.xsd") } catch { preconditionFailure("\(error)") }
    }()

    /// Each value at the edges of its pattern: the reader refuses it (on line 4, naming the
    /// attribute) exactly when the published XSD does.
    @Test(arguments: [
        ("principal", "0.00"), ("principal", "1.00"), ("principal", "9999999999999999.99"), ("principal", "12.345"), ("principal", "012.00"),
        ("principal", "1.0"), ("principal", "-1.00"), ("principal", "1,000.00"), ("principal", ".50"), ("principal", "10000000000000000.00"),
        ("principal", " 1.00"), ("rate", "0"), ("rate", "0.0435"), ("rate", "0.1234567890"), ("rate", "0.12345678901"), ("rate", "10.5"),
        ("rate", "0."), ("rate", ".5"), ("rate", "4.35%"), ("start", "2020-02-29"), ("start", "2019-02-29"), ("start", "2020-2-01"),
        ("start", "20200201"), ("start", "2020-13-01"), ("start", "2020-01-15 "), ("start", " 2020-01-15"), ("start", "2020-01 -15"), ("enterprise", "91350100M000100Y4"),
        ("enterprise", "91350100m000100Y43"), ("enterprise", "91350100I000100Y43"), ("enterprise", "913501A0M000100Y43"),
        // Lengths count characters, not bytes: 200 CJK characters are 600 bytes and a valid Text.
        ("bank", ""), ("bank", " "), ("bank", String(repeating: "银", count: 200)), ("bank", String(repeating: "银", count: 201)),
        ("bank", String(repeating: "b", count: 201)), ("bank", "a&amp;b"), ("id", ""), ("id", String(repeating: "L", count: 64)),
        ("id", String(repeating: "L", count: 65)), ("id", String(repeating: "号", count: 64)), ("id", String(repeating: "号", count: 65)),
        ("method", "annuity"), ("method", "bullet"), ("method", "Annuity"), ("method", "等额本息"), ("method", "annuity "), ("method", ""),
        ("dayCount", "act/365"), ("dayCount", "30/365"), ("dayCount", "ACT/360"), ("settlement", "quarterly"), ("settlement", "yearly"),
        ("size", "micro"), ("size", "large"), ("size", "小型"), ("size", "tiny"), ("size", "Small"),
    ])
    func formsAgreeWithThePublishedPatterns(attribute: String, value: String) throws {
        var loan = Self.loan()
        let original: String = switch attribute {
        case "principal": "principal=\"100.00\""
        case "rate": "rate=\"0.0435\""
        case "start": "start=\"2020-01-15\""
        case "bank": "bank=\"济宁银行\""
        case "id": "id=\"A\""
        case "method": "method=\"annuity\""
        case "dayCount": "dayCount=\"30/360\""
        case "settlement": "settlement=\"due-dates\""
        case "size": "size=\"small\""
        default: "enterprise=\"\(Self.code)\""
        }
        // An enterprise's size is on its own line, above the loan.
        let owner = attribute == "size" ? "Enterprise" : "Loan"
        var enterprise = Self.enterprise
        if owner == "Enterprise" {
            enterprise = enterprise.replacingOccurrences(of: original, with: "\(attribute)=\"\(value)\"")
        } else {
            loan = loan.replacingOccurrences(of: original, with: "\(attribute)=\"\(value)\"")
        }
        let text = Self.header + enterprise + loan + "</LoanBook>\n"
        let oracle = Self.published.validate(bytes: Array(text.utf8), file: "book.xml")
        // A credit code in the right form can still fail its check character (the reader's own check).
        let all = Self.problems(text)
        // The reader's own rules (an amount over Money.limit, a check character) are not the XSD's.
        let found = all.filter { $0.message.hasPrefix("Element '\(owner)', attribute") }
        #expect(oracle.isEmpty == found.isEmpty, "\(attribute)=\(value): XSD \(oracle), reader \(found)")
        if let problem = found.first {
            #expect(problem.line == (owner == "Loan" ? 4 : 3) && problem.field == "\(owner)/@\(attribute)", "\(found)")
        }
    }

    /// Every attribute the published XSD types Amount, Rate, Date or CreditCode is checked by
    /// the reader with that form, every element and attribute name is known to the reader,
    /// and the validating XSD has lost those four patterns only.
    @Test func everyPatternLeftOutIsCheckedByTheReader() throws {
        var element: String?
        var checked = 0
        for line in LoanBookSchema.xsd.split(separator: "\n") {
            if let name = Self.attribute("name", of: line), line.contains("<xs:element ") {
                element = name
                if name != "LoanBook" { #expect(LoanBookNames.elements.contains(name), "element \(name)") }
            }
            guard line.contains("<xs:attribute "), let name = Self.attribute("name", of: line), let type = Self.attribute("type", of: line) else { continue }
            if name != "version" { #expect(LoanBookNames.attributes.contains(name), "attribute \(name)") }
            guard let owner = element.flatMap({ LoanBookNames.elements.firstIndex(of: $0) }).flatMap(LoanBookNames.Element.init),
                  let slot = LoanBookNames.attributes.firstIndex(of: name).flatMap(LoanBookNames.Attribute.init) else { continue }
            let form = LoanBookLexical.form(owner, slot)
            if ["Amount", "Rate", "Date", "CreditCode", "Identifier", "Text", "Size", "Method", "DayCount", "Settlement"].contains(type) {
                #expect(form?.rawValue == type, "\(owner)/@\(name) is \(type), the reader checks \(String(describing: form))")
                checked += 1
            } else {
                #expect(form == nil, "\(owner)/@\(name) is \(type), the reader checks it as \(String(describing: form))")
            }
        }
        #expect(checked > 70, "only \(checked) attributes of the six types found: the scan of the XSD is broken")
        let published = LoanBookSchema.xsd.components(separatedBy: "<xs:pattern").count - 1
        let validating = LoanBookSchema.validatingXSD.components(separatedBy: "<xs:pattern").count - 1
        #expect(published - validating == 4 && validating == 6, "\(published) patterns published, \(validating) validating")
        let lengths = LoanBookSchema.xsd.components(separatedBy: "<xs:maxLength").count - 1
        let lengthsValidating = LoanBookSchema.validatingXSD.components(separatedBy: "<xs:maxLength").count - 1
        #expect(lengths - lengthsValidating == 2, "\(lengths) lengths published, \(lengthsValidating) validating")
        let enumerations = LoanBookSchema.xsd.components(separatedBy: "<xs:enumeration").count - 1
        let enumerationsValidating = LoanBookSchema.validatingXSD.components(separatedBy: "<xs:enumeration").count - 1
        #expect(enumerations - enumerationsValidating == 13, "\(enumerations) enumerations published, \(enumerationsValidating) validating")
        // Nothing else changed: the text is shorter by exactly what the replacements take out.
        let removed = LoanBookSchema.patternsCheckedByTheReader.reduce(0) { $0 + $1.pattern.utf8.count - $1.replacement.utf8.count }
        #expect(LoanBookSchema.validatingXSD.utf8.count == LoanBookSchema.xsd.utf8.count - removed)
    }

    /// The byte-level replacement behind the validating XSD, at both ends of the text.
    @Test func theOnlyOccurrenceIsReplaced() {
        func replaced(_ pattern: String, _ replacement: String, in text: String) -> String {
            String(decoding: LoanBookSchema.replacingTheOnly(Array(pattern.utf8), with: Array(replacement.utf8), in: Array(text.utf8)), as: UTF8.self)
        }
        #expect(replaced("<a/>", "", in: "<a/><b/>") == "<b/>")
        #expect(replaced("<b/>", "<c>金</c>", in: "<a/><b/>") == "<a/><c>金</c>")
        #expect(replaced("<a/><b/>", "x", in: "<a/><b/>") == "x")
        #expect(replaced("额", "amount", in: "<a v=\"额\"/>") == "<a v=\"amount\"/>")
    }

    static func attribute(_ name: String, of line: Substring) -> String? {
        guard let start = line.range(of: " \(name)=\"") else { return nil }
        let rest = line[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Attribute values arrive with their references replaced: `&amp;`, `&#38;` and `&#x26;`
    /// are each one `&` (libxml2 hands every `&` over as `&#38;`), a written-out `&#38;`
    /// (`&amp;#38;`) stays text, the other predefined entities are their characters, and a
    /// tab or line break in a value is a space (XML's attribute-value normalization).
    @Test func attributeValuesAreDecodedExactly() throws {
        let names: [(written: String, read: String)] = [
            ("A &amp; B", "A & B"), ("A &#38; B &#x26; C", "A & B & C"), ("&amp;#38;", "&#38;"), ("&amp;&amp;amp;", "&&amp;"),
            ("&lt;&gt;&quot;&apos;", "<>\"'"), ("甲&#9;乙&#10;丙", "甲\t乙\n丙"), ("x\ty\nz", "x y z"), ("末尾&amp;", "末尾&"),
        ]
        for (written, expected) in names {
            let text = Self.header + "<Enterprise creditCode=\"\(Self.code)\" name=\"\(written)\" size=\"small\" county=\"任城区\"/>\n</LoanBook>\n"
            var read: [String] = []
            try LoanBookReader().read(bytes: Array(text.utf8), file: "book.xml") { record, _ in
                if case .enterprise(let enterprise) = record { read.append(enterprise.name) }
            }
            #expect(read == [expected], "\(written)")
        }
    }

    /// Bad input in one pass: a parse error after records and an XSD violation is reported
    /// with its line (not a crash, not only "stopped"); entities, external or not, are never
    /// expanded or fetched; a truncated file names its file.
    @Test func badInputIsRefusedInOnePass() throws {
        let afterRecords = Self.header + Self.enterprise + Self.loan(principal: "1.5") + "<Loan id=\"B\" <broken/>\n</LoanBook>\n"
        let found = Self.problems(afterRecords)
        #expect(found.count == 1 && found[0].line == 5 && found[0].message.contains("not well-formed"), "\(found)")

        let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE LoanBook [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<LoanBook xmlns=\"urn:creditrelief:loanbook:1\" version=\"1\"><Enterprise creditCode=\"\(Self.code)\" name=\"&x;\" size=\"small\" county=\"\"/></LoanBook>\n"
        let refused = Self.problems(external)
        // libxml2 meets the reference before the reader reaches the DOCTYPE node: either refusal is fine.
        #expect(refused.count == 1 && (refused[0].message.contains("DOCTYPE") || refused[0].message.contains("external entity")), "\(refused)")
        #expect(!refused.contains { $0.message.contains("root:") })

        let undefined = Self.header + "<Enterprise creditCode=\"\(Self.code)\" name=\"&nope;\" size=\"small\" county=\"\"/>\n</LoanBook>\n"
        #expect(Self.problems(undefined).first?.message.contains("not well-formed") == true)

        let truncated = String((Self.header + Self.enterprise + Self.loan()).dropLast(30))
        let cut = Self.problems(truncated)
        #expect(cut.count == 1 && cut[0].file == "book.xml" && cut[0].message.contains("not well-formed"), "\(cut)")

        // Validity errors alone still come all together, each with its line.
        let invalid = Self.header + Self.enterprise + Self.loan(principal: "1.5") + Self.loan(rate: "4.35%") + "<Unknown/>\n</LoanBook>\n"
        let lines = Self.problems(invalid).map(\.line)
        #expect(lines.contains(4) && lines.contains(5) && lines.contains(6), "\(lines)")
    }

    /// With a lookup, a revision-2 book's loans take their enterprise from the caller, and an
    /// enterprise the caller does not know is a located problem; a revision-1 book's loans
    /// still find the enterprises listed above them.
    @Test func loansTakeTheirEnterpriseFromTheLookup() throws {
        let known = EnterpriseRecord(code: try CreditCode(validating: Self.code), name: "从账簿", size: .medium, county: "")
        var asked: [String] = []
        var loans: [LoanRecord] = []
        let text = Self.header + Self.enterprise + Self.loan() + "</LoanBook>\n"
        try LoanBookReader().read(bytes: Array(text.utf8), file: "book.xml", enterprise: { code in
            asked.append(code.value)
            return known
        }) { record, _ in
            if case .loan(let loan, _, _) = record { loans.append(loan) }
        }
        #expect(asked == [Self.code] && loans.map(\.enterprise) == [known])

        let unknown = Self.problems(text) { _ in nil }
        #expect(unknown.count == 1 && unknown[0].line == 4 && unknown[0].field == "Loan/@enterprise", "\(unknown)")

        let revisionOne = text.replacingOccurrences(of: " revision=\"2\"", with: "")
        var listed: [EnterpriseRecord] = []
        try LoanBookReader().read(bytes: Array(revisionOne.utf8), file: "book.xml", enterprise: { _ in nil }) { record, _ in
            if case .loan(let loan, _, _) = record { listed.append(loan.enterprise) }
        }
        #expect(listed.map(\.name) == ["甲"])
    }
}
