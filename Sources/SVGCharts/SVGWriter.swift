/// Appends SVG markup; escapes every attribute value and text node it is given.
struct SVGWriter {
    private(set) var output = ""

    typealias Attributes = KeyValuePairs<String, String>

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        output += "<" + name + Self.render(attributes) + ">"
    }

    mutating func close(_ name: String) {
        output += "</" + name + ">\n"
    }

    /// A self-closing element, or one whose only child is a `<title>` tooltip.
    mutating func element(_ name: String, _ attributes: Attributes, tooltip: String? = nil) {
        if let tooltip {
            output += "<" + name + Self.render(attributes) + "><title>" + Escaping.xml(tooltip)
            output += "</title></" + name + ">\n"
        } else {
            output += "<" + name + Self.render(attributes) + "/>\n"
        }
    }

    mutating func text(_ content: String, _ attributes: Attributes) {
        output += "<text" + Self.render(attributes) + ">" + Escaping.xml(content) + "</text>\n"
    }

    /// The root `<svg>` with its accessible name and description, which must come first.
    mutating func openRoot(
        info: ChartInfo, width: Double, height: Double, kind: String, fontSize: Double
    ) {
        let id = Escaping.id(info.idPrefix)
        open(
            "svg",
            [
                "xmlns": "http://www.w3.org/2000/svg",
                "viewBox": "0 0 \(NumberFormat.plain(width)) \(NumberFormat.plain(height))",
                "role": "img",
                "aria-labelledby": "\(id)-title \(id)-desc",
                "class": "chart \(kind)",
                "font-family": "system-ui, sans-serif",
                "font-size": NumberFormat.plain(fontSize),
            ])
        output += "\n<title id=\"" + id + "-title\">" + Escaping.xml(info.title) + "</title>\n"
        output += "<desc id=\"" + id + "-desc\">" + Escaping.xml(info.description) + "</desc>\n"
    }

    private static func render(_ attributes: Attributes) -> String {
        var out = ""
        for (name, value) in attributes { out += " " + name + "=\"" + Escaping.xml(value) + "\"" }
        return out
    }
}

/// Shorthand for coordinates in attributes.
func num(_ value: Double) -> String { NumberFormat.plain(value) }
