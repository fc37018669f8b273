/// The byte-level RFC 4180 scanner under every CSV reader: finds the records and fields of
/// UTF-8 bytes and hands each record out as byte ranges, making no `String` or `Array` per
/// field or record.
///
/// Commas, quotes and line breaks are ASCII, so multi-byte UTF-8 characters pass through
/// untouched. Unquoted fields are scanned eight bytes at a time (a SWAR search for comma, CR
/// and LF); quoted fields for a quote or LF. A quoted field with doubled quotes is the only
/// one copied (into a scratch buffer, undoubled); every other field is a range of the input.
/// The rules are the reader's of old, kept exactly: a field is quoted only when its first
/// byte is a quote; `""` inside quotes is a quote; CRLF, LF or a lone CR ends a record; a
/// trailing line end adds no record; a comma at the very end adds an empty field; the line
/// count includes line breaks inside quoted fields.
public enum CSVScanner {
    /// No spreadsheet writes more columns (Excel's limit is 16,384); a record with more is
    /// not a table but a runaway line, refused before its field list grows without bound.
    public static let fieldsPerRecordMax = 16_384
    /// The longest field of any layout read is a statement's remark, a few hundred bytes; a
    /// field past 64 KiB is a quote without its pair or not a table, refused at its line
    /// rather than handed on to be copied into a string (a 100 MB name took 237 MB to refuse).
    public static let fieldBytesMax = 64 * 1024
    /// A record (a line, with the line breaks inside its quoted fields) past 1 MiB is refused:
    /// the widest real row is a few kilobytes.
    public static let recordBytesMax = 1 << 20

    /// One field of the record being scanned: a range of the input, or of the scratch buffer
    /// when its doubled quotes had to be undone.
    struct Field {
        var start: Int
        var end: Int
        var inScratch: Bool
    }

    /// Calls `body` with every record of `bytes`, in order; throws at the first structural
    /// error (an unterminated quote, text after a closing quote, too many fields).
    public static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (CSVRecordView) -> Void) throws(CSVReader.Malformed) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var buffers = Buffers()
        defer { buffers.deallocate() }
        try scan(base, bytes.count, &buffers, body)
    }

    /// As `scan(_:_:)` over the UTF-8 of `text` (no copy when the string is native).
    public static func scan(_ text: String, _ body: (CSVRecordView) -> Void) throws(CSVReader.Malformed) {
        var text = text
        let failure: CSVReader.Malformed? = text.withUTF8 { bytes in
            do throws(CSVReader.Malformed) { try scan(bytes, body) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// The field list and scratch buffer, reused for every record; grown by doubling.
    struct Buffers {
        var fields = UnsafeMutablePointer<Field>.allocate(capacity: 64)
        var fieldCapacity = 64
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        var scratchCapacity = 256
        var scratchCount = 0

        mutating func growFields() {
            let grown = UnsafeMutablePointer<Field>.allocate(capacity: fieldCapacity * 2)
            grown.moveInitialize(from: fields, count: fieldCapacity)
            fields.deallocate()
            fields = grown
            fieldCapacity *= 2
        }

        /// Room for `extra` more scratch bytes.
        mutating func reserveScratch(_ extra: Int) {
            guard scratchCount + extra > scratchCapacity else { return }
            var capacity = scratchCapacity * 2
            while capacity < scratchCount + extra { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: scratch, count: scratchCount)
            scratch.deallocate()
            scratch = grown
            scratchCapacity = capacity
        }

        func deallocate() {
            fields.deallocate()
            scratch.deallocate()
        }
    }

    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    private static func scan(_ base: UnsafePointer<UInt8>, _ count: Int, _ buffers: inout Buffers,
                             _ body: (CSVRecordView) -> Void) throws(CSVReader.Malformed) {
        var index = 0
        var line = 1
        while index < count {
            let recordLine = line
            let recordStart = index
            var fieldCount = 0
            buffers.scratchCount = 0
            func append(_ field: Field) throws(CSVReader.Malformed) {
                guard fieldCount < fieldsPerRecordMax else {
                    throw CSVReader.Malformed(line: recordLine, message: "more than \(fieldsPerRecordMax) fields in one record")
                }
                guard field.end - field.start <= fieldBytesMax else {
                    throw CSVReader.Malformed(line: recordLine, message: "field \(fieldCount + 1) holds more than \(fieldBytesMax) bytes (is a quote missing its pair?)")
                }
                guard index - recordStart <= recordBytesMax else {
                    throw CSVReader.Malformed(line: recordLine, message: "the record is longer than \(recordBytesMax) bytes")
                }
                if fieldCount == buffers.fieldCapacity { buffers.growFields() }
                buffers.fields[fieldCount] = field
                fieldCount += 1
            }
            while true {
                if index < count && base[index] == quote {
                    // A quoted field: "" is a quote; the field ends at a lone quote.
                    index += 1
                    let start = index
                    var end = -1
                    var doubled = false
                    while true {
                        let next = firstQuoteOrLF(base, from: index, to: count)
                        if next == count { break }
                        if base[next] == lf {
                            line += 1
                            index = next + 1
                        } else if next + 1 < count && base[next + 1] == quote {
                            doubled = true
                            index = next + 2
                        } else {
                            end = next
                            index = next + 1
                            break
                        }
                    }
                    guard end >= 0 else { throw CSVReader.Malformed(line: recordLine, message: "a quoted field is never closed") }
                    if doubled {
                        try append(undoubled(base, start, end, &buffers))
                    } else {
                        try append(Field(start: start, end: end, inScratch: false))
                    }
                    if index < count && base[index] != comma && base[index] != cr && base[index] != lf {
                        throw CSVReader.Malformed(line: line, message: "text after a closing quote (a quote inside a field must be doubled)")
                    }
                } else {
                    let start = index
                    index = firstDelimiter(base, from: index, to: count)
                    try append(Field(start: start, end: index, inScratch: false))
                }
                if index >= count { break }
                if base[index] == comma {
                    index += 1
                    if index >= count {
                        try append(Field(start: index, end: index, inScratch: false))
                        break
                    }
                } else {
                    // CRLF, LF or a lone CR ends the record.
                    if base[index] == cr && index + 1 < count && base[index + 1] == lf { index += 1 }
                    index += 1
                    line += 1
                    break
                }
            }
            body(CSVRecordView(line: recordLine, count: fieldCount, fields: buffers.fields, input: base, scratch: buffers.scratch))
        }
    }

    /// The quoted content `start..<end` with each `""` made one quote, as a scratch field.
    private static func undoubled(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ buffers: inout Buffers) -> Field {
        buffers.reserveScratch(end - start)
        let fieldStart = buffers.scratchCount
        var write = fieldStart
        var read = start
        while read < end {
            let byte = base[read]
            buffers.scratch[write] = byte
            write += 1
            read += byte == quote ? 2 : 1  // inside the content every quote is doubled
        }
        buffers.scratchCount = write
        return Field(start: fieldStart, end: write, inScratch: true)
    }

    // MARK: - Eight bytes at a time

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// 0x80 in each byte of `word` that is zero, 0 elsewhere; exact (no carries between bytes).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~((((word & low7) &+ low7) | word) | low7)
    }

    /// The eight bytes at `pointer`, the first in the low byte whatever the platform.
    @inline(__always)
    static func word(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The index of the first comma, CR or LF in `from..<end`, or `end`.
    @inline(__always)
    static func firstDelimiter(_ base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
        var index = from
        while index + 8 <= end {
            let bytes = word(base + index)
            let hits = zeroBytes(bytes ^ (ones &* UInt64(comma))) | zeroBytes(bytes ^ (ones &* UInt64(lf)))
                | zeroBytes(bytes ^ (ones &* UInt64(cr)))
            if hits != 0 { return index + hits.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < end {
            let byte = base[index]
            if byte == comma || byte == lf || byte == cr { return index }
            index += 1
        }
        return end
    }

    /// The index of the first quote or LF in `from..<end`, or `end`.
    @inline(__always)
    static func firstQuoteOrLF(_ base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
        var index = from
        while index + 8 <= end {
            let bytes = word(base + index)
            let hits = zeroBytes(bytes ^ (ones &* UInt64(quote))) | zeroBytes(bytes ^ (ones &* UInt64(lf)))
            if hits != 0 { return index + hits.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < end {
            let byte = base[index]
            if byte == quote || byte == lf { return index }
            index += 1
        }
        return end
    }
}

/// One record as `CSVScanner` hands it out: its line and its fields' bytes (quotes removed,
/// doubled quotes undone). Valid only inside the closure it is passed to: the bytes belong
/// to the input and to the scanner's reused buffers.
public struct CSVRecordView {
    /// The 1-based line where the record starts.
    public let line: Int
    /// How many fields the record has (at least one).
    public let count: Int
    let fields: UnsafePointer<CSVScanner.Field>
    let input: UnsafePointer<UInt8>
    let scratch: UnsafePointer<UInt8>

    init(line: Int, count: Int, fields: UnsafePointer<CSVScanner.Field>, input: UnsafePointer<UInt8>, scratch: UnsafePointer<UInt8>) {
        self.line = line
        self.count = count
        self.fields = fields
        self.input = input
        self.scratch = scratch
    }

    /// The bytes of field `index` (`0..<count`).
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(index >= 0 && index < count, "field \(index) of a record of \(count) fields")
        let field = fields[index]
        return UnsafeBufferPointer(start: (field.inScratch ? scratch : input) + field.start, count: field.end - field.start)
    }

    /// Field `index` as text.
    public func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }

    /// Every field as text.
    public var strings: [String] { (0..<count).map(string) }

    /// Calls `body` with a view of `fields` (text already unquoted), for code that reads
    /// records held as strings through the byte-level path.
    public static func withFields<R>(_ fields: [String], line: Int, _ body: (CSVRecordView) throws -> R) rethrows -> R {
        var bytes: [UInt8] = []
        var ranges: [CSVScanner.Field] = []
        ranges.reserveCapacity(fields.count)
        for field in fields {
            let start = bytes.count
            bytes += field.utf8
            ranges.append(CSVScanner.Field(start: start, end: bytes.count, inScratch: false))
        }
        // One byte and one range more than needed: never empty, so both have a base address.
        bytes.append(0)
        ranges.append(CSVScanner.Field(start: 0, end: 0, inScratch: false))
        return try bytes.withUnsafeBufferPointer { buffer in
            try ranges.withUnsafeBufferPointer { fieldBuffer in
                guard let input = buffer.baseAddress, let fieldBase = fieldBuffer.baseAddress else {
                    preconditionFailure("a non-empty array has a base address")
                }
                return try body(CSVRecordView(line: line, count: fields.count, fields: fieldBase, input: input, scratch: input))
            }
        }
    }
}
