/// A plain-text table for the terminal, aligned by display width so that Chinese names
/// (two columns wide each) line up with digits.
public struct TextTable {
    public enum Alignment { case left, right }

    public struct Column {
        public let title: String
        public let alignment: Alignment

        public init(title: String, alignment: Alignment) {
            self.title = title
            self.alignment = alignment
        }
    }

    public let columns: [Column]
    public private(set) var rows: [[String]] = []
    /// Indexes of rows drawn after a rule, e.g. a totals row.
    private var ruledRows: Set<Int> = []

    public init(_ columns: [Column]) { self.columns = columns }

    public mutating func add(_ cells: [String]) {
        precondition(cells.count == columns.count, "row of \(cells.count) cells for \(columns.count) columns")
        rows.append(cells)
    }

    /// Adds a row separated from the rows above by a rule (totals).
    public mutating func addTotals(_ cells: [String]) {
        ruledRows.insert(rows.count)
        add(cells)
    }

    public func render() -> String {
        var widths = columns.map { TextTable.displayWidth($0.title) }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], TextTable.displayWidth(cell)) }
        }
        func line(_ cells: [String]) -> String {
            var pieces: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - TextTable.displayWidth(cell))
                pieces.append(columns[index].alignment == .right ? padding + cell : cell + padding)
            }
            var text = pieces.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = [line(columns.map(\.title)), rule]
        for (index, row) in rows.enumerated() {
            if ruledRows.contains(index) { lines.append(rule) }
            lines.append(line(row))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Terminal columns `text` occupies: 2 for East Asian wide and full-width characters.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value)
                || (0x3041...0x33FF).contains(value) || (0x3400...0x4DBF).contains(value)
                || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            let zeroWidth = scalar.properties.generalCategory == .nonspacingMark
            return width + (zeroWidth ? 0 : (wide ? 2 : 1))
        }
    }
}
