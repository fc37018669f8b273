import CLibXML2
import Foundation
import ReliefDomain

extension LoanBookReader {
    /// One loan book being parsed: libxml2's SAX2 callbacks reach it through the context
    /// pointer (the schema's plug calls ours, then the validator's, with the same attribute
    /// pointers), and it turns each record element into a record for the caller's closure.
    ///
    /// A callback cannot throw through C: an error of the caller's closure is kept, further
    /// callbacks are switched off (`disableSAX`), and the error is thrown once the parser
    /// returns (`rethrow`). The parser is not stopped from inside a callback: `xmlStopParser`
    /// frees the input the validator's half of the same callback still reads.
    final class SAXParse {
        let reader: LoanBookReader
        let file: String
        let collector: XMLSchemaValidator.Collector
        let lookup: EnterpriseLookup?
        let body: (LoanBookRecord, Int) throws -> Void
        private var parser: xmlParserCtxtPtr?
        private var fields: RecordFields?
        private var sawRoot = false
        private var pendingEntry: PendingEntry?
        private(set) var delivered = 0
        private var thrown: (any Error)?
        /// Why the parse was stopped for what a loan book may not hold (a DOCTYPE, an entity),
        /// and the line where the parser met it.
        private(set) var refusal: (message: String, line: Int)?
        private(set) var stopped = false

        init(reader: LoanBookReader, file: String, collector: XMLSchemaValidator.Collector, lookup: EnterpriseLookup?,
             body: @escaping (LoanBookRecord, Int) throws -> Void) {
            self.reader = reader
            self.file = file
            self.collector = collector
            self.lookup = lookup
            self.body = body
        }

        /// The callbacks: elements, and the two things a loan book may not contain.
        static func makeHandler() -> xmlSAXHandler {
            var handler = xmlSAXHandler()
            handler.initialized = UInt32(XML_SAX2_MAGIC)
            handler.startElementNs = { context, localName, _, namespace, _, _, attributeCount, _, attributes in
                guard let context, let localName else { return }
                let parse = Unmanaged<SAXParse>.fromOpaque(context).takeUnretainedValue()
                parse.startElement(localName, namespace: namespace, attributes: attributes, count: Int(attributeCount))
            }
            handler.internalSubset = { context, _, _, _ in
                guard let context else { return }
                Unmanaged<SAXParse>.fromOpaque(context).takeUnretainedValue()
                    .refuse("a document type declaration (DOCTYPE) is not allowed in a loan book")
            }
            handler.reference = { context, name in
                guard let context else { return }
                let entity = name.map { String(cString: $0) } ?? "?"
                Unmanaged<SAXParse>.fromOpaque(context).takeUnretainedValue()
                    .refuse("an entity reference (&\(entity);) is not allowed in a loan book")
            }
            return handler
        }

        /// Called once the parser exists: names are interned in its dictionary.
        func begin(_ parser: xmlParserCtxtPtr) {
            self.parser = parser
            reader.revision = 1
            fields = RecordFields(names: LoanBookNames(parser.pointee.dict), file: file, collector: collector)
        }

        /// Throws what a callback kept.
        func rethrow() throws {
            if let thrown {
                self.thrown = nil
                throw thrown
            }
        }

        private func stop() {
            stopped = true
            if let parser { parser.pointee.disableSAX = 1 }
        }

        private func refuse(_ message: String) {
            if refusal == nil { refusal = (message, parser.map { Int($0.pointee.input.pointee.line) } ?? 1) }
            stop()
        }

        private func deliver(_ record: LoanBookRecord, _ line: Int) {
            guard delivered < reader.recordsMax else {
                refuse("more than \(reader.recordsMax) records: more than any book of a few million loans holds")
                return
            }
            do {
                try body(record, line)
                delivered += 1
            } catch {
                thrown = error
                stop()
            }
        }

        private func startElement(_ localName: UnsafePointer<xmlChar>, namespace: UnsafePointer<xmlChar>?,
                                  attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
            guard !stopped, let parser, let fields else { return }
            if collector.problems.count >= LoanBookReader.problemsMaximum { return stop() }
            let line = Int(parser.pointee.input.pointee.line)
            if !sawRoot {
                sawRoot = true
                let name = String(cString: localName)
                let uri = namespace.map { String(cString: $0) } ?? ""
                guard name == "LoanBook", uri == LoanBookSchema.namespace else {
                    collector.problems.insert(ImportProblem(file: file, line: line, field: name,
                                                            message: "not a loan book: expected <LoanBook> in namespace \(LoanBookSchema.namespace)"), at: 0)
                    return stop()
                }
                fields.load(line: line, element: .Enterprise, name: "LoanBook", attributes: attributes, count: count)
                let revision = fields.integer(.revision) ?? 1
                reader.revision = revision
                if revision > LoanBookSchema.revision {
                    fields.problem(.revision, "revision \(revision) is newer than this tool reads (\(LoanBookSchema.revision)); update relief")
                }
                // Revision 1 lists loans with whole enterprises the caller has not recorded: remember them.
                fields.lookup = revision >= 2 ? lookup : nil
                return
            }
            // A known record element by its interned name; any other is the schema's to report.
            guard let element = fields.names.element(localName) else { return }
            fields.load(line: line, element: element, attributes: attributes, count: count)
            if element == .Posting {
                // A child of the Entry above: completes it rather than being a record.
                if let posting = fields.posting() { pendingEntry?.postings.append(posting) }
                return
            }
            if let entry = pendingEntry {
                pendingEntry = nil
                deliver(.entry(entry.record), entry.line)
            }
            if element == .Entry {
                if let header = fields.entryHeader() { pendingEntry = header }
                return
            }
            guard let parsed = fields.parse() else { return }
            if case .enterprise(let enterprise) = parsed, fields.lookup == nil, !fields.remember(enterprise) {
                collector.problems.append(ImportProblem(file: file, line: line, field: "creditCode", message: "enterprise \(enterprise.code) appears twice"))
                return
            }
            deliver(parsed, line)
        }

        /// After the last chunk: the last entry, and every problem met, thrown as one.
        func finish() throws -> Int {
            if let entry = pendingEntry {
                pendingEntry = nil
                deliver(.entry(entry.record), entry.line)
                try rethrow()
            }
            if !sawRoot { collector.problems.append(ImportProblem(file: file, line: 1, message: "empty document: expected a loan book")) }
            guard collector.problems.isEmpty else { throw ImportFailure(problems: collector.problems) }
            return delivered
        }
    }
}
