import Foundation

/// A minimal SVG writer: elements with attributes and escaped text. Ours, because the
/// charts are a handful of lines and rectangles and must be byte-for-byte deterministic.
struct SVG {
    private(set) var body = ""

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // What XML 1.0 cannot hold at all (a NUL or another C0 control from a CSV's owner
            // column) becomes U+FFFD, so the chart stays well-formed.
            case _ where ch.unicodeScalars.contains(where: { SVG.isNotXML($0) }):
                for scalar in ch.unicodeScalars { out.unicodeScalars.append(SVG.isNotXML(scalar) ? "\u{FFFD}" : scalar) }
            default: out.append(ch)
            }
        }
        return out
    }

    static func isNotXML(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// Coordinates with one decimal, formatted without locale.
    static func n(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths) / 10
        let fraction = abs(Int(tenths) % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        body += "<\(name)"
        for (key, value) in attributes { body += " \(key)=\"\(SVG.escape(value))\"" }
        if let text { body += ">\(SVG.escape(text))</\(name)>\n" } else { body += "/>\n" }
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        body += "<\(name)"
        for (key, value) in attributes { body += " \(key)=\"\(SVG.escape(value))\"" }
        body += ">\n"
    }

    mutating func close(_ name: String) { body += "</\(name)>\n" }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        var a = [("x1", SVG.n(x1)), ("y1", SVG.n(y1)), ("x2", SVG.n(x2)), ("y2", SVG.n(y2)), ("stroke", stroke),
                 ("stroke-width", SVG.n(width))]
        if let dash { a.append(("stroke-dasharray", dash)) }
        element("line", a)
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String? = nil) {
        var a = [("points", points.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")), ("fill", "none"),
                 ("stroke", stroke), ("stroke-width", SVG.n(width)), ("stroke-linejoin", "round")]
        if let dash { a.append(("stroke-dasharray", dash)) }
        element("polyline", a)
    }

    /// A small shape at a point, so series differ by shape as well as colour; `data` carries the
    /// plotted figure for machines (see `SVG.value`).
    mutating func marker(_ shape: String, _ x: Double, _ y: Double, fill: String, size: Double = 6, data: [(String, String)] = []) {
        switch shape {
        case "diamond":
            let r = size / 2
            element("polygon", [("points", "\(SVG.n(x)),\(SVG.n(y - r)) \(SVG.n(x + r)),\(SVG.n(y)) \(SVG.n(x)),\(SVG.n(y + r)) \(SVG.n(x - r)),\(SVG.n(y))"),
                                ("fill", fill)] + data)
        case "square":
            element("rect", [("x", SVG.n(x - size / 2)), ("y", SVG.n(y - size / 2)), ("width", SVG.n(size)),
                             ("height", SVG.n(size)), ("fill", fill)] + data)
        default:
            element("circle", [("cx", SVG.n(x)), ("cy", SVG.n(y)), ("r", SVG.n(size / 2)), ("fill", fill)] + data)
        }
    }

    /// A fill of `colour` with white diagonal hatching, so "behind plan" reads without colour
    /// (in greyscale print the two bar colours are close). Returns the `fill` value to use.
    mutating func hatch(id: String, colour: String) -> String {
        open("defs")
        open("pattern", [("id", id), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
                         ("patternTransform", "rotate(45)")])
        element("rect", [("width", "6"), ("height", "6"), ("fill", colour)])
        element("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", "#ffffff"), ("stroke-width", "2")])
        close("pattern")
        close("defs")
        return "url(#\(id))"
    }

    /// A plotted money figure as `summary.json` writes it: rounded once to the cent.
    static func value(_ money: Decimal) -> String {
        let cents = money.cents
        return cents.isZero ? "0" : cents.description
    }

    /// A plotted ratio as `summary.json` writes it: unrounded.
    static func value(_ ratio: Double) -> String { ratio == 0 ? "0" : "\(ratio)" }

    mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 11,
                       fill: String = "#333", weight: String? = nil) {
        var a = [("x", SVG.n(x)), ("y", SVG.n(y)), ("font-size", "\(size)"), ("text-anchor", anchor), ("fill", fill)]
        if let weight { a.append(("font-weight", weight)) }
        element("text", a, text: content)
    }

    /// The whole document with its accessible title and description.
    func document(width: Int, height: Int, title: String, description: String, id: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"Helvetica, Arial, sans-serif\">\n"
            + "<title id=\"\(id)-title\">\(SVG.escape(title))</title>\n<desc id=\"\(id)-desc\">\(SVG.escape(description))</desc>\n"
            + body + "</svg>\n"
    }
}

/// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
enum Palette {
    static let plan = "#555555"
    static let actual = "#0072B2"
    static let runRate = "#E69F00"
    static let pace = "#009E73"
    static let seasonal = "#CC79A7"
    static let seasonalCompany = "#000000"
    static let pipeline = "#56B4E9"
    static let positive = "#0072B2"
    static let negative = "#D55E00"
    static let grid = "#dddddd"
    static let total = "#555555"
}
