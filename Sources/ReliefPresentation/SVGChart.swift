import ReliefDomain

/// Bar and line charts as inline SVG, drawn from the data with axes and labels; integer
/// geometry only (no floating point anywhere near the amounts).
public enum SVGChart {
    public static let width = 720
    public static let height = 300
    public static let left = 90, right = 20, top = 44, bottom = 60

    /// A bar per (label, amount); bars carry `class="bar"` so tests can count them.
    public static func bars(title: String, _ data: [(label: String, amount: Money)]) -> String {
        let scale = Scale(maximumFen: data.map(\.amount.fen).max() ?? 0)
        let maximum = scale.topFen
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let slot = data.isEmpty ? plotWidth : plotWidth / data.count
        var svg = header(title: title) + axes(scale)
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
        let scale = Scale(maximumFen: series.flatMap { $0.values.map(\.fen) }.max() ?? 0)
        let maximum = scale.topFen
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let count = max(dates.count - 1, 1)
        func x(_ index: Int) -> Int { left + plotWidth * index / count }
        func y(_ value: Money) -> Int { top + plotHeight - Int(Int128(plotHeight) * Int128(max(value.fen, 0)) / Int128(maximum)) }
        var svg = header(title: title) + axes(scale)
        for (seriesIndex, line) in series.enumerated() {
            let points = line.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2\" points=\"\(points)\"/>"
            for (index, value) in line.values.enumerated() {
                svg += "<circle class=\"point\" cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"2\" fill=\"\(line.colour)\">"
                    + "<title>\(dates[index]) \(escape(line.name)): \(value.formatted(grouped: true))</title></circle>"
            }
            // The legend: a swatch and the series' name.
            let legendX = left + 10 + seriesIndex * 260
            svg += "<rect class=\"legend\" x=\"\(legendX)\" y=\"\(height - 22)\" width=\"14\" height=\"4\" fill=\"\(line.colour)\"/>"
            svg += "<text x=\"\(legendX + 20)\" y=\"\(height - 16)\" font-size=\"12\" fill=\"\(line.colour)\">\(escape(line.name))</text>"
        }
        // Dates along the time axis: the first, the last, and month starts between them.
        for index in dateTicks(dates) {
            let anchor = index == 0 ? "start" : index == dates.count - 1 ? "end" : "middle"
            svg += "<line x1=\"\(x(index))\" y1=\"\(top + plotHeight)\" x2=\"\(x(index))\" y2=\"\(top + plotHeight + 4)\" stroke=\"#444\"/>"
                + "<text class=\"date-tick\" x=\"\(x(index))\" y=\"\(top + plotHeight + 16)\" font-size=\"11\" text-anchor=\"\(anchor)\">\(dates[index])</text>"
        }
        return svg + "</svg>"
    }

    public static func header(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\">"
            + "<title>\(escape(title))</title>"
            + "<text x=\"\(left)\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>"
    }

    /// A round y scale: ticks at a step of 1, 2 or 5 times a power of ten yuan (at most five
    /// above zero), the axis topped at the first tick at or above the data's maximum.
    public struct Scale: Equatable, Sendable {
        public let stepFen: Int64
        public let ticks: Int

        public init(maximumFen: Int64) {
            let maximum = max(maximumFen, 1)
            var magnitude: Int64 = 100  // one yuan
            while true {
                for multiple: Int64 in [1, 2, 5] {
                    let step = multiple * magnitude
                    let ticks = Int((maximum + step - 1) / step)
                    if ticks <= 5 {
                        self.stepFen = step
                        self.ticks = ticks
                        return
                    }
                }
                magnitude *= 10
            }
        }

        public var topFen: Int64 { stepFen * Int64(ticks) }
    }

    /// The y axis: a gridline and a label at each tick of `scale`, from 0.
    public static func axes(_ scale: Scale) -> String {
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        var svg = "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotHeight)\" stroke=\"#444\"/>"
            + "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(top + plotHeight)\" stroke=\"#444\"/>"
        for tick in 0...scale.ticks {
            let y = top + plotHeight - plotHeight * tick / scale.ticks
            if tick > 0 { svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotWidth)\" y2=\"\(y)\" stroke=\"#ddd\"/>" }
            svg += "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(y + 4)\" font-size=\"10\" text-anchor=\"end\">\(axisLabel(Money(fen: scale.stepFen * Int64(tick))))</text>"
        }
        return svg
    }

    /// A round axis value as people write it: 0, 500, 5,000, 2万, 1,000万, 1.5亿.
    public static func axisLabel(_ amount: Money) -> String {
        let yuan = amount.fen / 100
        if yuan >= 100_000_000, yuan % 10_000_000 == 0 {
            return yuan % 100_000_000 == 0 ? "\(grouped(yuan / 100_000_000))亿" : tenths(yuan, 100_000_000) + "亿"
        }
        if yuan >= 10_000, yuan % 10_000 == 0 { return "\(grouped(yuan / 10_000))万" }
        if yuan >= 10_000 { return tenths(yuan, 10_000) + "万" }
        return grouped(yuan)
    }

    static func grouped(_ value: Int64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }

    /// Which dates of a time axis to label: the first and the last, and the first day of
    /// months between them, thinned to at most six labels in all so that they do not collide.
    public static func dateTicks(_ dates: [CivilDate]) -> [Int] {
        guard !dates.isEmpty else { return [] }
        guard dates.count > 1 else { return [0] }
        let monthStarts = dates.indices.filter { $0 > 0 && $0 < dates.count - 1 && dates[$0].day == 1 }
        let stride = max(1, (monthStarts.count + 3) / 4)
        let inner = monthStarts.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
            // Not too close to the ends (the labels are about 70 px wide).
            .filter { $0 * 12 > dates.count && ($0 + (dates.count / 12)) < dates.count - 1 }
        return [0] + inner + [dates.count - 1]
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
