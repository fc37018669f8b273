import CLibXML2

/// xmlTextWriter calls with Swift strings, each checked.
struct XMLOutput {
    let writer: xmlTextWriterPtr

    func check(_ status: Int32) throws {
        guard status >= 0 else { throw PaymentInitiationWriter.Problem(description: "libxml2 failed to write the document") }
    }

    func start(_ name: String) throws {
        try check(XMLOutput.bytes(name) { xmlTextWriterStartElement(writer, $0) })
    }

    func end() throws { try check(xmlTextWriterEndElement(writer)) }

    func text(_ value: String) throws {
        try check(XMLOutput.bytes(value) { xmlTextWriterWriteString(writer, $0) })
    }

    func attribute(_ name: String, _ value: String) throws {
        try check(XMLOutput.bytes(name) { namePointer in XMLOutput.bytes(value) { xmlTextWriterWriteAttribute(writer, namePointer, $0) } })
    }

    func element(_ name: String, _ value: String) throws {
        try start(name)
        try text(value)
        try end()
    }

    /// `<name><Id><Othr><Id>account</Id></Othr></Id></name>`: a non-IBAN account.
    func account(_ name: String, _ account: String) throws {
        try start(name)
        try start("Id")
        try start("Othr")
        try element("Id", account)
        try end()
        try end()
        try end()
    }

    static func bytes<T>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { preconditionFailure("a NUL-terminated array is never empty") }
            return body(base)
        }
    }
}
