import Foundation
import Testing

@testable import SVGCharts

#if canImport(FoundationXML)
    import FoundationXML
#endif

// XMLParser rather than XMLDocument: on Linux, XMLDocument's attribute lookup misses
// unprefixed attributes once a default namespace is declared.

/// An element of a parsed document: name, attributes, child elements and its text.
final class Node {
    let name: String
    let attributes: [String: String]
    var children: [Node] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func attribute(_ name: String) -> String? { attributes[name] }

    /// All text inside, like the DOM's textContent.
    var stringValue: String { text }
}

/// Builds a `Node` tree with `XMLParser`, which fails on anything not well-formed.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [Node] = []
    var root: Node?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let node = Node(name: elementName, attributes: attributeDict)
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for node in stack { node.text += string }
    }
}

/// An SVG string parsed as XML, with the queries the tests need.
struct ParsedSVG {
    let root: Node
    let source: String

    /// Records an issue and returns nil when `svg` is not well-formed XML.
    init?(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let parser = XMLParser(data: Data(svg.utf8))
        let builder = TreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            Issue.record(
                "not well-formed XML: \(String(describing: parser.parserError))",
                sourceLocation: sourceLocation)
            return nil
        }
        self.root = root
        self.source = svg
    }

    var allElements: [Node] {
        var out: [Node] = []
        func walk(_ node: Node) {
            out.append(node)
            for child in node.children { walk(child) }
        }
        walk(root)
        return out
    }

    func elements(withClass name: String) -> [Node] {
        allElements.filter {
            ($0.attribute("class") ?? "").split(separator: " ").contains(Substring(name))
        }
    }

    var marks: [Node] { elements(withClass: "mark") }

    var markValues: [String] { marks.map { $0.attribute("data-value") ?? "?" } }

    var markTooltips: [String] {
        marks.map { mark in mark.children.first { $0.name == "title" }?.text ?? "?" }
    }

    var viewBox: [Double] {
        (root.attribute("viewBox") ?? "").split(separator: " ").compactMap { Double($0) }
    }

    /// Horizontal extents of text elements with `className`, estimated as the layout does.
    func textExtents(withClass className: String) -> [ClosedRange<Double>] {
        let fontSize = Double(root.attribute("font-size") ?? "") ?? 0
        return elements(withClass: className).map { text in
            let x = Double(text.attribute("x") ?? "") ?? .nan
            let width = TextMetrics.width(text.text, fontSize: fontSize)
            switch text.attribute("text-anchor") {
            case "middle": return (x - width / 2)...(x + width / 2)
            case "end": return (x - width)...x
            default: return x...(x + width)
            }
        }
    }
}

/// Checks what every chart must satisfy: parses, root attributes, title and desc first,
/// no NaN or infinity, x tick labels inside the viewBox and not overlapping.
@discardableResult
func checkWellFormed(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> ParsedSVG? {
    guard let parsed = ParsedSVG(svg, sourceLocation: sourceLocation) else { return nil }
    let root = parsed.root
    #expect(root.name == "svg", sourceLocation: sourceLocation)
    #expect(root.attribute("width") == nil, sourceLocation: sourceLocation)
    #expect(root.attribute("height") == nil, sourceLocation: sourceLocation)
    #expect(root.attribute("role") == "img", sourceLocation: sourceLocation)
    let children = root.children
    #expect(children.prefix(2).map(\.name) == ["title", "desc"], sourceLocation: sourceLocation)
    let ids = children.prefix(2).compactMap { $0.attribute("id") }
    #expect(
        root.attribute("aria-labelledby") == ids.joined(separator: " "), sourceLocation: sourceLocation)
    for bad in ["NaN", "nan", "inf", "-0 ", "\"-0\""] {
        #expect(!svg.contains(bad), "output contains \(bad)", sourceLocation: sourceLocation)
    }
    let width = parsed.viewBox.count == 4 ? parsed.viewBox[2] : 0
    let extents = parsed.textExtents(withClass: "tick-x").sorted { $0.lowerBound < $1.lowerBound }
    for extent in extents {
        #expect(
            extent.lowerBound >= -0.01 && extent.upperBound <= width + 0.01, "label outside viewBox",
            sourceLocation: sourceLocation)
    }
    for (a, b) in zip(extents, extents.dropFirst()) {
        #expect(
            a.upperBound <= b.lowerBound, "tick labels overlap: \(a) \(b)", sourceLocation: sourceLocation
        )
    }
    return parsed
}

/// `count` consecutive ISO weeks starting at `year`-W`week`.
func consecutiveWeeks(from year: Int, week: Int, count: Int) -> [String] {
    var out: [String] = []
    var y = year
    var w = week
    for _ in 0..<count {
        out.append(ChartWeek(year: y, week: w)!.label)
        w += 1
        if w > ChartWeek.weeksIn(year: y) {
            w = 1
            y += 1
        }
    }
    return out
}

let testInfo = ChartInfo(idPrefix: "t", title: "Test chart", description: "A chart under test")
let testAxes = AxisLabels(x: "week", y: "messages")
