import CLibXML2
import Foundation
import ReliefInterchange

/// libxml2's own cost on a loan book, beside the reader's: the same SAX2 push parser fed the
/// same 1 MiB chunks, with callbacks that only count elements, alone or with a schema's
/// validator plugged in as the reader plugs it. What the reader adds over the `reader's
/// XSD` line is its own work: the facets it checks itself, values parsed, records built.
enum LibXML2Baseline {
    enum Schema: String {
        case none = "parse alone"
        case published = "parse + the published XSD (every facet in libxml2)"
        case reader = "parse + the reader's XSD (the facets the reader checks left out)"

        var text: String? {
            switch self {
            case .none: return nil
            case .published: return LoanBookSchema.xsd
            case .reader: return LoanBookSchema.validatingXSD
            }
        }
    }

    /// Elements and validity errors met, counted from the C callbacks.
    final class Counts {
        var elements = 0
        var errors = 0
    }

    static func measure(path: String, schema: Schema) throws -> Measurement {
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        let counts = Counts()
        let context = Unmanaged.passUnretained(counts).toOpaque()
        var compiled: xmlSchemaPtr?
        if let text = schema.text {
            let xsd = Array(text.utf8)
            let parser = xsd.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { xmlSchemaNewMemParserCtxt($0, Int32(buffer.count)) }
            }
            compiled = withExtendedLifetime(xsd) { xmlSchemaParse(parser) }
            xmlSchemaFreeParserCtxt(parser)
            guard compiled != nil else { throw BaselineFailure(message: "the \(schema) XSD does not compile") }
        }
        defer { if let compiled { xmlSchemaFree(compiled) } }

        let handler = UnsafeMutablePointer<xmlSAXHandler>.allocate(capacity: 1)
        handler.initialize(to: xmlSAXHandler())
        handler.pointee.initialized = UInt32(XML_SAX2_MAGIC)
        handler.pointee.startElementNs = { context, _, _, _, _, _, _, _, _ in
            guard let context else { return }
            Unmanaged<Counts>.fromOpaque(context).takeUnretainedValue().elements += 1
        }
        let handlerSlot = UnsafeMutablePointer<UnsafeMutablePointer<xmlSAXHandler>?>.allocate(capacity: 1)
        handlerSlot.initialize(to: handler)
        let contextSlot = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: 1)
        contextSlot.initialize(to: context)
        defer {
            handler.deallocate()
            handlerSlot.deallocate()
            contextSlot.deallocate()
        }
        var validation: xmlSchemaValidCtxtPtr?
        var plug: xmlSchemaSAXPlugPtr?
        if let compiled {
            validation = xmlSchemaNewValidCtxt(compiled)
            xmlSchemaSetValidStructuredErrors(validation, { context, _ in
                guard let context else { return }
                Unmanaged<Counts>.fromOpaque(context).takeUnretainedValue().errors += 1
            }, context)
            plug = xmlSchemaSAXPlug(validation, handlerSlot, contextSlot)
        }
        defer {
            if let plug { xmlSchemaSAXUnplug(plug) }
            if let validation { xmlSchemaFreeValidCtxt(validation) }
        }

        guard let stream = fopen(path, "rb") else { throw BaselineFailure(message: "cannot open \(path)") }
        defer { fclose(stream) }
        var chunk = [CChar](repeating: 0, count: 1 << 20)
        resetPeakMemory()
        let started = monotonicSeconds()
        let wellFormed: Bool = withExtendedLifetime(counts) {
            guard let parser = xmlCreatePushParserCtxt(handlerSlot.pointee, contextSlot.pointee, nil, 0, path) else { return false }
            defer { xmlFreeParserCtxt(parser) }
            xmlCtxtUseOptions(parser, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue))
            while true {
                let count = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, stream) }
                if count == 0 { break }
                chunk.withUnsafeBufferPointer { _ = xmlParseChunk(parser, $0.baseAddress, Int32(count), 0) }
            }
            xmlParseChunk(parser, nil, 0, 1)
            return parser.pointee.wellFormed != 0
        }
        let seconds = monotonicSeconds() - started
        guard wellFormed, counts.errors == 0 else {
            throw BaselineFailure(message: "libxml2 found the book \(wellFormed ? "invalid (\(counts.errors) errors)" : "not well-formed") with \(schema)")
        }
        return Measurement(name: "  libxml2 alone, \(schema.rawValue): \(counts.elements) elements", items: bytes, unit: "bytes",
                           seconds: seconds, peakMiB: peakMemoryMiB())
    }

    struct BaselineFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
