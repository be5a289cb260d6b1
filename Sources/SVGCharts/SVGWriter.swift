/// Appends SVG markup; escapes every attribute value and text node it is given. The markup
/// grows as bytes, made a string once.
struct SVGWriter {
    private var bytes: [UInt8] = []

    var output: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func append(_ text: String) { bytes.append(text) }

    private mutating func append(literal: StaticString) { bytes.append(literal: literal) }

    private mutating func appendEscaped(_ text: String) { bytes.appendEscaped(text) }

    typealias Attributes = KeyValuePairs<String, String>

    mutating func open(_ name: String, _ attributes: Attributes = [:]) {
        startTag(name, attributes)
        append(literal: ">")
    }

    mutating func close(_ name: String) {
        append(literal: "</")
        append(name)
        append(literal: ">\n")
    }

    /// A self-closing element, or one whose only child is a `<title>` tooltip.
    mutating func element(_ name: String, _ attributes: Attributes, tooltip: String? = nil) {
        startTag(name, attributes)
        if let tooltip {
            append(literal: "><title>")
            appendEscaped(tooltip)
            append(literal: "</title>")
            close(name)
        } else {
            append(literal: "/>\n")
        }
    }

    /// A chart's mark, one per point (or per series at a point), the element charts draw most
    /// of: written straight as bytes with its numbers, as `element` writes `<rect class="mark" x
    /// y width height fill data-week data-value>` (`fill` only when given, `labelAttribute` in
    /// place of `data-week`) with the tooltip `label: value unit`, or `tooltipPrefix, label:
    /// value unit`. Through `element`, its attributes' numbers and pieces were strings, and a
    /// stacked chart's 6,000 marks took a twentieth of an added week's instructions.
    mutating func mark(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil, labelAttribute: String = "data-week",
        label: String, value: Double, unit: String, tooltipPrefix: String? = nil
    ) {
        // Each text escaped once (the label shows twice), then the mark written piece by piece
        // into memory made for it and appended at once: appended piece by piece, each of a
        // chart's tens of thousands of pieces went through the array's checks.
        let label = Escaping.xml(label)
        let fill = fill.map(Escaping.xml)
        let unit = Escaping.xml(unit)
        let tooltipPrefix = tooltipPrefix.map(Escaping.xml)
        let texts =
            (fill?.utf8.count ?? 0) + labelAttribute.utf8.count + 2 * label.utf8.count
            + (tooltipPrefix?.utf8.count ?? 0) + unit.utf8.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128 + 6 * NumberFormat.longest + texts) { memory in
            var markup = MarkupCursor(memory.baseAddress!)
            markup.write("<rect class=\"mark\" x=\"")
            markup.write(number: x)
            markup.write("\" y=\"")
            markup.write(number: y)
            markup.write("\" width=\"")
            markup.write(number: width)
            markup.write("\" height=\"")
            markup.write(number: height)
            if let fill {
                markup.write("\" fill=\"")
                markup.write(fill)
            }
            markup.write("\" ")
            markup.write(labelAttribute)
            markup.write("=\"")
            markup.write(label)
            markup.write("\" data-value=\"")
            markup.write(number: value)
            // `tooltip(label, value, unit:)`, from the pieces escaped one by one above (escaping goes
            // scalar by scalar, so escaping the joined text would come out the same).
            markup.write("\"><title>")
            if let tooltipPrefix {
                markup.write(tooltipPrefix)
                markup.write(", ")
            }
            markup.write(label)
            markup.write(": ")
            markup.write(number: value)
            if !unit.isEmpty {
                markup.write(" ")
                markup.write(unit)
            }
            markup.write("</title></rect>\n")
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: memory[..<markup.count]))
        }
    }

    mutating func text(_ content: String, _ attributes: Attributes) {
        startTag("text", attributes)
        append(literal: ">")
        appendEscaped(content)
        append(literal: "</text>\n")
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
        append("\n<title id=\"" + id + "-title\">")
        appendEscaped(info.title)
        append("</title>\n<desc id=\"" + id + "-desc\">")
        appendEscaped(info.description)
        append(literal: "</desc>\n")
    }

    /// `<name` and the attributes, appended piece by piece: a chart has hundreds of elements,
    /// and joining each tag's pieces first made a string per piece.
    private mutating func startTag(_ name: String, _ attributes: Attributes) {
        bytes.append(UInt8(ascii: "<"))
        append(name)
        for (attribute, value) in attributes {
            bytes.append(UInt8(ascii: " "))
            append(attribute)
            bytes.append(UInt8(ascii: "="))
            bytes.append(UInt8(ascii: "\""))
            appendEscaped(value)
            bytes.append(UInt8(ascii: "\""))
        }
    }
}

/// Shorthand for coordinates in attributes.
func num(_ value: Double) -> String { NumberFormat.plain(value) }

/// Writes markup into memory made large enough for it (see `SVGWriter.mark`): each piece one
/// copy, with none of an array's checks.
private struct MarkupCursor {
    let start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    init(_ start: UnsafeMutablePointer<UInt8>) { self.start = start }

    mutating func write(_ literal: StaticString) {
        (start + count).update(from: literal.utf8Start, count: literal.utf8CodeUnitCount)
        count += literal.utf8CodeUnitCount
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            (start + count).update(from: base, count: utf8.count)
            count += utf8.count
        }
    }

    mutating func write(number: Double) {
        count += NumberFormat.writePlain(
            number, into: UnsafeMutableBufferPointer(start: start + count, count: NumberFormat.longest))
    }
}
