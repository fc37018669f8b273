/// A JSON document with object keys in the order written, so output is stable and reads
/// in the order of the contract. Amounts are strings (`"1234.50"`), never numbers.
public indirect enum JSONValue: Sendable {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null

    /// Pretty-printed with two-space indentation and a final newline. Written as UTF-8 bytes
    /// (a web answer is rendered at every request: appending bytes is several times faster
    /// than appending to a String scalar by scalar).
    public func rendered() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(into: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    private static func pad(_ output: inout [UInt8], _ level: Int) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    private func write(into output: inout [UInt8], indent: Int) {
        switch self {
        case .string(let text): JSONValue.quote(text, into: &output)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let items):
            if items.isEmpty { output.append(contentsOf: "[]".utf8); return }
            output.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                JSONValue.pad(&output, indent + 1)
                item.write(into: &output, indent: indent + 1)
                output.append(contentsOf: (index == items.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.pad(&output, indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { output.append(contentsOf: "{}".utf8); return }
            output.append(contentsOf: "{\n".utf8)
            for (index, (key, value)) in members.enumerated() {
                JSONValue.pad(&output, indent + 1)
                JSONValue.quote(key, into: &output)
                output.append(contentsOf: ": ".utf8)
                value.write(into: &output, indent: indent + 1)
                output.append(contentsOf: (index == members.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.pad(&output, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    public static func quote(_ text: String) -> String {
        var output: [UInt8] = []
        quote(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// `text` as a JSON string: `"` and `\\` escaped, control characters as `\n`, `\r`, `\t` or
    /// `\u00XX`; everything else (UTF-8 of any script) as it is. Byte by byte: in UTF-8 no byte
    /// of a multi-byte character is below 0x80, so none is taken for one of these.
    static func quote(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings (amounts, dates, names) need no escape: copied whole.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0xF)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
