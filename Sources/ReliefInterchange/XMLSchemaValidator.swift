import CLibXML2
import Foundation

/// An XSD compiled once with libxml2, validating whole documents against it.
///
/// Schema compilation is slow and not thread-safe, so a validator is made once and reused;
/// compilation is serialised process-wide. A compiled schema is only read afterwards and
/// each validation makes its own context, so one validator may serve several threads
/// (hence `@unchecked Sendable`). Documents are parsed without network access, entity
/// substitution or DTD loading before validation.
public final class XMLSchemaValidator: @unchecked Sendable {
    let schema: xmlSchemaPtr

    /// Compiles the XSD at `path` (its includes resolve relative to it).
    public init(path: String) throws {
        LibXMLSetup.ready
        LibXMLSetup.compileLock.lock()
        defer { LibXMLSetup.compileLock.unlock() }
        guard let parser = xmlSchemaNewParserCtxt(path) else { throw ImportFailure(problems: [ImportProblem(file: path, line: 1, message: "cannot read the schema")]) }
        defer { xmlSchemaFreeParserCtxt(parser) }
        guard let schema = xmlSchemaParse(parser) else { throw ImportFailure(problems: [ImportProblem(file: path, line: 1, message: "the schema does not compile")]) }
        self.schema = schema
    }

    /// Compiles an XSD held in memory, named `name` in problems.
    public init(text: String, name: String) throws {
        LibXMLSetup.ready
        LibXMLSetup.compileLock.lock()
        defer { LibXMLSetup.compileLock.unlock() }
        let bytes = Array(text.utf8)
        let parser = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlSchemaNewMemParserCtxt($0, Int32(buffer.count)) }
            }
        }
        guard let parser else { throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "cannot read the schema")]) }
        defer { xmlSchemaFreeParserCtxt(parser) }
        guard let schema = withExtendedLifetime(bytes, { xmlSchemaParse(parser) }) else {
            throw ImportFailure(problems: [ImportProblem(file: name, line: 1, message: "the schema does not compile")])
        }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// Every problem of `bytes` against the schema (empty when valid), with lines.
    public func validate(bytes: [UInt8], file: String) -> [ImportProblem] {
        LibXMLSetup.ready
        let collector = Collector(file: file)
        let context = Unmanaged.passUnretained(collector).toOpaque()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlReadMemory($0, Int32(buffer.count), file, nil, options) }
            }
        }
        guard let document else { return [ImportProblem(file: file, line: 1, message: "not well-formed XML")] }
        defer { xmlFreeDoc(document) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else { return [ImportProblem(file: file, line: 1, message: "libxml2 could not validate")] }
        defer { xmlSchemaFreeValidCtxt(validation) }
        xmlSchemaSetValidStructuredErrors(validation, { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            let message = XMLLibrary.problemText(error.pointee.message) ?? "invalid"
            collector.problems.append(ImportProblem(file: collector.file, line: max(1, Int(error.pointee.line)),
                                                    message: message.trimmingCharacters(in: .whitespacesAndNewlines)))
        }, context)
        let status = withExtendedLifetime(collector) { xmlSchemaValidateDoc(validation, document) }
        if status != 0 && collector.problems.isEmpty { collector.problems.append(ImportProblem(file: file, line: 1, message: "not valid against the schema")) }
        return collector.problems
    }

    /// Where libxml2's C error callbacks put their problems (reached through an unmanaged pointer).
    final class Collector {
        let file: String
        var problems: [ImportProblem] = []
        /// The parser whose line locates errors that come without one.
        var parser: xmlParserCtxtPtr?

        init(file: String) { self.file = file }
    }
}
