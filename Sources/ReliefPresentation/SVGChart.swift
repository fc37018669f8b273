import ReliefDomain

/// Bar and line charts as inline SVG, drawn from the data with axes and labels; integer
/// geometry only (no floating point anywhere near the amounts).
public enum SVGChart {
    public static let width = 720
    public static let height = 300
    public static let left = 90, right = 20, top = 44, bottom = 60

    /// A bar per (label, amount); bars carry `class="bar"` so tests can count them.
    public static func bars(title: String, _ data: [(label: String, amount: Money)]) -> String {
        let maximum = max(data.map(\.amount.fen).max() ?? 0, 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = data.isEmpty ? plotWidth : plotWidth / data.count
        var svg = header(title: title) + axes(maximum: maximum)
        for (index, item) in data.enumerated() {
            let barHeight = Int(Int128(plotHeight) * Int128(max(item.amount.fen, 0)) / Int128(maximum))
            let x = left + index * slot + slot / 8
            let barWidth = max(1, slot * 3 / 4)
            svg += "<rect class=\"bar\" x=\"\(x)\" y=\"\(top + plotHeight - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#2f6db5\">"
                + "<title>\(escape(item.label)): \(item.amount.formatted(grouped: true))</title></rect>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + plotHeight + 16)\" font-size=\"11\" text-anchor=\"middle\">\(escape(item.label))</text>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(top + plotHeight - barHeight - 4)\" font-size=\"10\" text-anchor=\"middle\">\(compact(item.amount))</text>"
        }
        return svg + "</svg>"
    }

    /// One polyline per series over the same dates; each point is a `circle class="point"`.
    public static func lines(title: String, dates: [CivilDate], series: [(name: String, colour: String, values: [Money])]) -> String {
        let maximum = max(series.flatMap { $0.values.map(\.fen) }.max() ?? 0, 1)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = max(dates.count - 1, 1)
        func x(_ index: Int) -> Int { left + plotWidth * index / count }
        func y(_ value: Money) -> Int { top + plotHeight - Int(Int128(plotHeight) * Int128(max(value.fen, 0)) / Int128(maximum)) }
        var svg = header(title: title) + axes(maximum: maximum)
        for (seriesIndex, line) in series.enumerated() {
            let points = line.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2\" points=\"\(points)\"/>"
            for (index, value) in line.values.enumerated() {
                svg += "<circle class=\"point\" cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"2\" fill=\"\(line.colour)\">"
                    + "<title>\(dates[index]) \(escape(line.name)): \(value.formatted(grouped: true))</title></circle>"
            }
            svg += "<text x=\"\(left + 10 + seriesIndex * 260)\" y=\"\(height - 12)\" font-size=\"12\" fill=\"\(line.colour)\">\(escape(line.name))</text>"
        }
        if let first = dates.first, let last = dates.last {
            svg += "<text x=\"\(left)\" y=\"\(top + plotHeight + 16)\" font-size=\"11\">\(first)</text>"
            svg += "<text x=\"\(left + plotWidth)\" y=\"\(top + plotHeight + 16)\" font-size=\"11\" text-anchor=\"end\">\(last)</text>"
        }
        return svg + "</svg>"
    }

    public static func header(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
            + "<title>\(escape(title))</title>"
            + "<text x=\"\(left)\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
    }

    /// The y axis with five gridlines labelled in CNY.
    public static func axes(maximum: Int64) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var svg = "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotHeight)\" stroke=\"#444\"/>"
            + "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(top + plotHeight)\" stroke=\"#444\"/>"
        for step in 1...4 {
            let y = top + plotHeight - plotHeight * step / 4
            let value = Money(fen: maximum * Int64(step) / 4)
            svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotWidth)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
                + "<text x=\"\(left - 6)\" y=\"\(y + 4)\" font-size=\"10\" text-anchor=\"end\">\(compact(value))</text>"
        }
        return svg
    }

    /// 12.3万 / 4.56亿 style labels for axes (yuan, Chinese myriads), exact integer rounding.
    public static func compact(_ amount: Money) -> String {
        let yuan = amount.fen / 100
        if yuan >= 100_000_000 { return tenths(yuan, 100_000_000) + "亿" }
        if yuan >= 10_000 { return tenths(yuan, 10_000) + "万" }
        return String(yuan)
    }

    public static func tenths(_ value: Int64, _ unit: Int64) -> String {
        let scaled = Rounding.halfUp.divide(Int128(value) * 10, by: Int128(unit))
        return "\(scaled / 10).\(scaled % 10)"
    }

    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
