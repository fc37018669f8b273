import CLibXML2
import Foundation
import ReliefDomain

/// Reads a loan book (`urn:creditrelief:loanbook:1`) as a stream, validating it against the
/// format's XSD while reading, and hands each record to a closure.
///
/// Memory stays flat in the file's size (xmlTextReader holds one node at a time); only the
/// enterprises are remembered, because a loan record carries its enterprise, compactly
/// (`EnterpriseTable`, about 100 bytes each). Names are recognised by their interned
/// pointers and values parsed from their bytes, so no `String` is made per node. The schema is
/// compiled once per process (`LoanBookSchema.validator`). Records are delivered as they
/// are read, each with its line, and problems (XSD violations, a check character that fails, a loan naming an
/// enterprise not above it) are collected for the whole file and thrown at the end as one
/// `ImportFailure`: the caller writes the records in one transaction and rolls it back then,
/// so a bad file imports nothing. Parsing is hardened as for statements: no network, no
/// entity substitution, no DTD loading, and any DOCTYPE refused.
public final class LoanBookReader {
    public static let defaultMaximumBytes = 2 << 30
    /// Problems collected before giving up on a file: enough to fix a file in one pass.
    static let problemsMaximum = 1000

    let validator: XMLSchemaValidator
    public let maximumBytes: Int

    public init(maximumBytes: Int = LoanBookReader.defaultMaximumBytes) {
        precondition(maximumBytes > 0, "maximumBytes \(maximumBytes) must be positive")
        self.maximumBytes = maximumBytes
        validator = LoanBookSchema.validator
    }

    /// Reads the file at `path`; returns the number of records delivered.
    @discardableResult
    public func read(path: String, _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        let name = (path as NSString).lastPathComponent
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        try checkSize(size, file: name)
        try checkWellFormed(file: name) { xmlReaderForFile(path, nil, CamtStatementReader.options) }
        guard let reader = xmlReaderForFile(path, nil, CamtStatementReader.options) else {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "cannot open the file for reading")])
        }
        return try run(reader, file: name, body)
    }

    /// Reads `bytes`, naming them `file` in problems.
    @discardableResult
    public func read(bytes: [UInt8], file: String, _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        try checkSize(bytes.count, file: file)
        guard bytes.count <= Int(Int32.max) else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "more than 2 GiB cannot be read from memory")])
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")])
            }
            let open = {
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReaderForMemory($0, Int32(buffer.count), file, nil, CamtStatementReader.options)
                }
            }
            try checkWellFormed(file: file, open)
            guard let reader = open() else { throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")]) }
            return try run(reader, file: file, body)
        }
    }

    /// A first pass without the schema that proves the bytes well-formed (and free of a
    /// DOCTYPE), through the statement reader's hardened loop. Needed because libxml2 2.9
    /// crashes when a parse error is reported by a reader that has a schema attached (its
    /// error callbacks get the schema's SAX plug instead of the parser context; seen here);
    /// the second, validating pass then meets validity errors only. Costs one more parse at
    /// C speed, memory still flat.
    func checkWellFormed(file: String, _ open: () -> xmlTextReaderPtr?) throws {
        guard let reader = open() else { throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "empty input: expected a loan book")]) }
        let parse = CamtParse(file: file)
        try parse.checkWellFormed(reader)
    }

    func checkSize(_ size: Int, file: String) throws {
        guard size <= maximumBytes else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "the file is \(size) bytes, over the limit of \(maximumBytes) bytes; nothing was read")])
        }
    }

    func run(_ reader: xmlTextReaderPtr, file: String, _ body: (LoanBookRecord, Int) throws -> Void) throws -> Int {
        let collector = XMLSchemaValidator.Collector(file: file)
        defer {
            collector.reader = nil
            xmlFreeTextReader(reader)
        }
        // The plain (not structured) handler: libxml2 2.9's structured handler on a reader with
        // a schema attached is called with the schema's SAX plug instead of the parser context
        // and crashes on the first malformed byte (seen here). Parse errors carry a locator;
        // validity errors do not, but validation runs inside the parser, so the parser's
        // current line is the element's.
        collector.reader = reader
        xmlTextReaderSetErrorHandler(reader, { context, message, severity, locator in
            guard let context, severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR else { return }
            let collector = Unmanaged<XMLSchemaValidator.Collector>.fromOpaque(context).takeUnretainedValue()
            var line = locator.map { Int(xmlTextReaderLocatorLineNumber($0)) } ?? 0
            if line <= 0, let reader = collector.reader { line = Int(xmlTextReaderGetParserLineNumber(reader)) }
            let text = message.map { String(cString: $0) } ?? "invalid"
            collector.problems.append(ImportProblem(file: collector.file, line: max(1, line),
                                                    message: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }, Unmanaged.passUnretained(collector).toOpaque())
        // After the handler: attaching the schema passes the handler on to its validator.
        guard xmlTextReaderSetSchema(reader, validator.schema) == 0 else {
            throw ImportFailure(problems: [ImportProblem(file: file, line: 1, message: "libxml2 could not attach the loan-book schema")])
        }
        let fields = RecordFields(reader: reader, file: file, collector: collector)
        var enterprises = EnterpriseTable()
        var delivered = 0
        var sawRoot = false
        try withExtendedLifetime(collector) {
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { break }
                if status < 0 {
                    if collector.problems.isEmpty { collector.problems.append(ImportProblem(file: file, line: 1, message: "not well-formed XML")) }
                    throw ImportFailure(problems: collector.problems)
                }
                if collector.problems.count >= LoanBookReader.problemsMaximum { throw ImportFailure(problems: collector.problems) }
                let type = xmlTextReaderNodeType(reader)
                if type == Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue) {
                    collector.problems.append(ImportProblem(file: file, line: 1, message: "a document type declaration (DOCTYPE) is not allowed in a loan book"))
                    throw ImportFailure(problems: collector.problems)
                }
                guard type == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
                let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 1
                guard let localName = xmlTextReaderConstLocalName(reader) else { continue }
                if !sawRoot {
                    let name = String(cString: localName)
                    sawRoot = true
                    let namespace = xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) } ?? ""
                    guard name == "LoanBook", namespace == LoanBookSchema.namespace else {
                        collector.problems.insert(ImportProblem(file: file, line: line, field: name,
                                                                message: "not a loan book: expected <LoanBook> in namespace \(LoanBookSchema.namespace)"), at: 0)
                        throw ImportFailure(problems: collector.problems)
                    }
                    continue
                }
                // A known record element by its interned name; any other is the schema's to report.
                guard let element = fields.names.element(localName) else { continue }
                fields.load(line: line, element: element)
                guard let parsed = fields.parse(enterprises: enterprises) else { continue }
                if case .enterprise(let enterprise) = parsed, !enterprises.insert(enterprise) {
                    collector.problems.append(ImportProblem(file: file, line: line, field: "creditCode", message: "enterprise \(enterprise.code) appears twice"))
                    continue
                }
                try body(parsed, line)
                delivered += 1
            }
        }
        if !sawRoot { collector.problems.append(ImportProblem(file: file, line: 1, message: "empty document: expected a loan book")) }
        guard collector.problems.isEmpty else { throw ImportFailure(problems: collector.problems) }
        return delivered
    }

    /// The names of the format's elements and attributes as the reader's dictionary holds
    /// them: libxml2 interns every name it parses, so a node's name is recognised by
    /// comparing pointers, without a `String` per node or attribute.
    struct Names {
        /// The record elements, each case named as its element.
        enum Element: Int, CaseIterable { case Enterprise, Loan, Repayment, BridgeFund, BridgeCapital, BridgeAdvance }
        /// The attributes of all record elements, each case named as its attribute.
        enum Attribute: Int, CaseIterable {
            case creditCode, name, size, county, id, enterprise, bank, principal, rate, start, months, method, dayCount, settlement
            case creditLine, applied, loan, period, date, account, accountName, amount, withdrawal, enterpriseName, repaid
        }
        static let elements = Element.allCases.map { "\($0)" }
        static let attributes = Attribute.allCases.map { "\($0)" }
        static let elementBytes = elements.map { Array($0.utf8) }
        static let attributeBytes = attributes.map { Array($0.utf8) }
        let elements: [UnsafePointer<xmlChar>?]
        let attributes: [UnsafePointer<xmlChar>?]

        init(_ reader: xmlTextReaderPtr) {
            func intern(_ name: String) -> UnsafePointer<xmlChar>? { XMLOutput.bytes(name) { xmlTextReaderConstString(reader, $0) } }
            elements = Names.elements.map(intern)
            attributes = Names.attributes.map(intern)
        }

        /// The index of `name` in `pointers` (by pointer, else by bytes), or nil.
        static func find(_ name: UnsafePointer<xmlChar>, _ pointers: [UnsafePointer<xmlChar>?], _ bytes: [[UInt8]]) -> Int? {
            if let index = pointers.firstIndex(where: { $0 == name }) { return index }
            let length = strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self))
            return bytes.firstIndex { candidate in
                candidate.count == length && candidate.withUnsafeBufferPointer { $0.elementsEqual(UnsafeBufferPointer(start: name, count: length)) }
            }
        }

        func element(_ name: UnsafePointer<xmlChar>) -> Element? { Names.find(name, elements, Names.elementBytes).flatMap(Element.init) }
        func attribute(_ name: UnsafePointer<xmlChar>) -> Int? { Names.find(name, attributes, Names.attributeBytes) }
    }

    /// The attributes of one record element, copied once into a reused buffer and parsed
    /// from their bytes into domain values with located problems.
    final class RecordFields {
        let reader: xmlTextReaderPtr
        let file: String
        let collector: XMLSchemaValidator.Collector
        let names: Names
        var line = 1
        var element = Names.Element.Enterprise
        /// The current element's attribute values, one after another; `ranges[i]` is the
        /// value of attribute `Names.attributes[i]`, nil when absent.
        var bytes: [UInt8] = []
        var ranges: [Range<Int>?] = Array(repeating: nil, count: Names.attributes.count)
        let sizes = LoanCSV.sizes, methods = LoanCSV.methods, dayCounts = LoanCSV.dayCounts, settlements = LoanCSV.settlements

        init(reader: xmlTextReaderPtr, file: String, collector: XMLSchemaValidator.Collector) {
            self.reader = reader
            self.file = file
            self.collector = collector
            names = Names(reader)
            bytes.reserveCapacity(1024)
        }

        /// Reads the attributes of the element the reader is on, straight from the node's
        /// attribute list (names are interned, so found by pointer); a value held in one text
        /// node (every value but one with an entity reference left in it) is copied from
        /// there, any other through libxml2's own joining.
        func load(line: Int, element: Names.Element) {
            self.line = line
            self.element = element
            var bytes = self.bytes
            var ranges = self.ranges
            self.bytes = []  // one owner while filling: no copy on write
            self.ranges = []
            defer {
                self.bytes = bytes
                self.ranges = ranges
            }
            bytes.removeAll(keepingCapacity: true)
            for index in ranges.indices { ranges[index] = nil }
            guard let node = xmlTextReaderCurrentNode(reader) else { return }
            var attribute = node.pointee.properties
            while let current = attribute {
                attribute = current.pointee.next
                guard let name = current.pointee.name, let slot = names.attribute(name) else { continue }
                let start = bytes.count
                if let child = current.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
                   let content = child.pointee.content {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))))
                } else if let joined = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: joined, count: strlen(UnsafeRawPointer(joined).assumingMemoryBound(to: CChar.self))))
                    clibxml2_free(joined)
                }
                ranges[slot] = start..<bytes.count
            }
        }

        func problem(_ field: Names.Attribute, _ message: String) {
            collector.problems.append(ImportProblem(file: file, line: line, field: "\(element)/@\(field)", message: message))
        }

        /// The value of attribute `name` as bytes, given to `body`; nil when absent.
        func withBytes<T>(_ name: Names.Attribute, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
            guard let range = ranges[name.rawValue] else { return nil }
            return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }

        func text(_ name: Names.Attribute) -> String? { withBytes(name) { String(decoding: $0, as: UTF8.self) } }

        /// A required attribute: the schema reports it missing; nil here then.
        func value<T>(_ name: Names.Attribute, _ parse: (UnsafeBufferPointer<UInt8>) throws -> T) -> T? {
            do { return try withBytes(name, parse) } catch { problem(name, "\(error)"); return nil }
        }

        func string<T>(_ name: Names.Attribute, _ parse: (String) throws -> T) -> T? { value(name) { try parse(String(decoding: $0, as: UTF8.self)) } }

        func parse(enterprises: EnterpriseTable) -> LoanBookRecord? {
            switch element {
            case .Enterprise:
                guard let code = string(.creditCode, { try CreditCode(validating: $0) }), let name = text(.name),
                      let size = value(.size, { try sizes.value($0) }) else { return nil }
                return .enterprise(EnterpriseRecord(code: code, name: name, size: size, county: text(.county) ?? ""))
            case .Loan:
                let id = string(.id) { try LoanID(validating: $0) }
                let code = string(.enterprise) { try CreditCode(validating: $0) }
                let principal = value(.principal) { try Money(parsing: $0) }
                let rate = value(.rate) { try Rate(parsing: $0) }
                let start = value(.start) { try CivilDate(parsing: $0) }
                let months = string(.months) { text -> Int in
                    guard let months = Int(text) else { throw ParseError(input: text, kind: "term", reason: "expected whole months") }
                    return months
                }
                let method = value(.method) { try methods.value($0) }
                let dayCount = value(.dayCount) { try dayCounts.value($0) }
                let settlement = value(.settlement) { try settlements.value($0) }
                let creditLine = value(.creditLine) { try Money(parsing: $0) }
                let applied = value(.applied) { try CivilDate(parsing: $0) }
                guard let id, let code, let principal, let rate, let start, let months, let method, let dayCount, let settlement,
                      let bank = text(.bank) else { return nil }
                guard let enterprise = enterprises[code] else {
                    problem(.enterprise, "enterprise \(code) is not listed above the loan")
                    return nil
                }
                do {
                    let terms = try LoanTerms(principal: principal, annualRate: rate, start: start, termMonths: months, method: method,
                                              dayCount: dayCount, settlement: settlement)
                    return .loan(LoanRecord(id: id, enterprise: enterprise, bank: bank, terms: terms, creditLine: creditLine, applied: applied))
                } catch {
                    problem(.principal, error.message)
                    return nil
                }
            case .Repayment:
                guard let loan = string(.loan, { try LoanID(validating: $0) }), let period = string(.period, { Int($0) }), let period,
                      let date = value(.date, { try CivilDate(parsing: $0) }) else { return nil }
                return .repayment(loan: loan, period: period, date: date)
            case .BridgeFund:
                return .bridgeFund(account: text(.account), accountName: text(.accountName))
            case .BridgeCapital:
                guard let date = value(.date, { try CivilDate(parsing: $0) }), let amount = value(.amount, { try Money(parsing: $0) }) else { return nil }
                let withdrawal = text(.withdrawal).map { $0 == "true" || $0 == "1" } ?? false
                return .bridgeCapital(date: date, amount: withdrawal ? -amount : amount)
            case .BridgeAdvance:
                let id = string(.id) { try AdvanceID(validating: $0) }
                let code = string(.enterprise) { try CreditCode(validating: $0) }
                let amount = value(.amount) { try Money(parsing: $0) }
                let date = value(.date) { try CivilDate(parsing: $0) }
                let repaid = value(.repaid) { try CivilDate(parsing: $0) }
                guard let id, let code, let amount, let date, let bank = text(.bank) else { return nil }
                return .bridgeAdvance(LoanBookRecord.BridgeAdvance(id: id, enterprise: code, enterpriseName: text(.enterpriseName), bank: bank,
                                                                   county: text(.county) ?? "",
                                                                   amount: amount, date: date, account: text(.account), repaid: repaid))
            }
        }
    }
}
