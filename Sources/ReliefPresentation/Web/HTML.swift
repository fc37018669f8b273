/// A piece of HTML that escapes by construction: text interpolated into it is escaped, only
/// HTML interpolates as markup. A borrower named `<script>` is data wherever it is shown;
/// markup comes from literals in this module's code (and the charts, which escape their own
/// labels).
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup, ready to send.
    public private(set) var markup: String

    /// A literal in code is markup.
    public init(stringLiteral value: String) { markup = value }

    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    /// Markup made elsewhere that escapes its own text (the SVG charts).
    public static func trusted(_ markup: String) -> HTML { HTML(stringLiteral: markup) }

    public static let empty: HTML = ""

    public var description: String { markup }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { .trusted(lhs.markup + rhs.markup) }

    public static func += (lhs: inout HTML, rhs: HTML) { lhs.markup += rhs.markup }

    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }

        /// Text, when there is one.
        public mutating func appendInterpolation(_ text: String?) { if let text { markup += HTML.escape(text) } }

        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }

        /// Markup: kept.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }

        public mutating func appendInterpolation(_ list: [HTML]) { for html in list { markup += html.markup } }
    }

    /// `text` with `& < > " '` as character references: safe in element content and in a
    /// quoted attribute value.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension Array where Element == HTML {
    public func joined() -> HTML { .trusted(map(\.markup).joined()) }
}
