/// Appends SVG markup; escapes every attribute value and text node it is given.
struct SVGWriter {
    private(set) var output = ""

    typealias Attributes = KeyValuePairs<String, String>

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        startTag(name, attributes)
        output += ">"
    }

    mutating func close(_ name: String) {
        output += "</"
        output += name
        output += ">\n"
    }

    /// A self-closing element, or one whose only child is a `<title>` tooltip.
    mutating func element(_ name: String, _ attributes: Attributes, tooltip: String? = nil) {
        startTag(name, attributes)
        if let tooltip {
            output += "><title>"
            output += Escaping.xml(tooltip)
            output += "</title>"
            close(name)
        } else {
            output += "/>\n"
        }
    }

    mutating func text(_ content: String, _ attributes: Attributes) {
        startTag("text", attributes)
        output += ">"
        output += Escaping.xml(content)
        output += "</text>\n"
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

    /// `<name` and the attributes, appended piece by piece: a chart has hundreds of elements,
    /// and joining each tag's pieces first made a string per piece.
    private mutating func startTag(_ name: String, _ attributes: Attributes) {
        output += "<"
        output += name
        for (attribute, value) in attributes {
            output += " "
            output += attribute
            output += "=\""
            output += Escaping.xml(value)
            output += "\""
        }
    }
}

/// Shorthand for coordinates in attributes.
func num(_ value: Double) -> String { NumberFormat.plain(value) }
