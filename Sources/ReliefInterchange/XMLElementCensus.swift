import CLibXML2

/// Parses a document with libxml2's XML parser (no network, no entities, no DTD loading) and
/// counts its elements, so that generated XHTML and XML can be checked for well-formedness and
/// structure (libxml2's HTML parser does not know inline SVG).
public enum XMLElementCensus {
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Counts per element name, and per `name.class` for elements with a class attribute.
    public static func count(_ bytes: [UInt8]) throws(Malformed) -> [String: Int] {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let reader: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReaderForMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options) }
        }
        guard let reader else { throw Malformed(description: "the XML reader could not start") }
        defer { xmlFreeTextReader(reader) }
        var counts: [String: Int] = [:]
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return counts }
            guard status == 1 else {
                throw Malformed(description: "not well-formed XML near line \(xmlTextReaderGetParserLineNumber(reader))")
            }
            guard xmlTextReaderNodeType(reader) == 1, let name = xmlTextReaderConstLocalName(reader) else { continue }
            let element = String(cString: name)
            counts[element, default: 0] += 1
            if let value = xmlTextReaderGetAttribute(reader, "class") {
                counts[element + "." + String(cString: value), default: 0] += 1
                clibxml2_free(value)
            }
        }
    }
}
