/// A row-wrapping legend of colour swatches, each with its name written beside it so no entry
/// depends on colour alone.
struct Legend {
    struct Item {
        var label: String
        var fill: String
    }

    struct Placed {
        var item: Item
        var text: String
        var x: Double
        var row: Int
    }

    let placed: [Placed]
    let rows: Int
    let fontSize: Double

    var swatch: Double { fontSize * 0.8 }
    var rowHeight: Double { fontSize * 1.4 }
    var height: Double { Double(rows) * rowHeight }

    /// Lays items out left to right from `left`, wrapping before `right`; a label too long for
    /// a whole row is truncated.
    init(items: [Item], fontSize: Double, left: Double, right: Double) {
        self.fontSize = fontSize
        let swatch = fontSize * 0.8
        let textGap = fontSize * 0.3
        let itemGap = fontSize * 1.0
        let maxText = max(right - left - swatch - textGap, 0)
        var placed: [Placed] = []
        var x = left
        var row = 0
        for item in items {
            let text = TextMetrics.truncate(item.label, toWidth: maxText, fontSize: fontSize)
            let width = swatch + textGap + TextMetrics.width(text, fontSize: fontSize)
            if x > left && x + width > right {
                row += 1
                x = left
            }
            placed.append(Placed(item: item, text: text, x: x, row: row))
            x += width + itemGap
        }
        self.placed = placed
        self.rows = items.isEmpty ? 0 : row + 1
    }

    func draw(_ svg: inout SVGWriter, top: Double) {
        svg.open("g", ["class": "legend"])
        for entry in placed {
            let rowTop = top + Double(entry.row) * rowHeight
            svg.element(
                "rect",
                [
                    "x": num(entry.x), "y": num(rowTop + (rowHeight - swatch) / 2), "width": num(swatch),
                    "height": num(swatch), "fill": entry.item.fill,
                ])
            svg.text(
                entry.text,
                [
                    "class": "legend-label", "x": num(entry.x + swatch + fontSize * 0.3),
                    "y": num(rowTop + rowHeight / 2 + fontSize * 0.35), "fill": "currentColor",
                ])
        }
        svg.close("g")
    }
}
