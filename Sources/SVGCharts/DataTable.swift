/// A chart's data as rows of text cells; the first column names the row (a week, a label).
public struct DataTable: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String]]

    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV: CRLF line ends; fields with `,` `"` CR or LF are quoted, quotes doubled.
    /// Control characters other than line breaks are removed.
    public func csv() -> String {
        var out = ""
        for record in [columns] + rows {
            out += record.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// A `<table>` with a header row and row headers in the first column; all text escaped.
    public func html(caption: String? = nil) -> String {
        // Appended piece by piece: joining each cell's pieces first made a string of each.
        var out = "<table class=\"chart-data\">\n"
        out.reserveCapacity(64 + rows.count * 48)
        if let caption {
            out += "<caption>"
            out += Escaping.xml(caption)
            out += "</caption>\n"
        }
        out += "<thead><tr>"
        for column in columns {
            out += "<th scope=\"col\">"
            out += Escaping.xml(column)
            out += "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += i == 0 ? "<th scope=\"row\">" : "<td>"
                out += Escaping.xml(cell)
                out += i == 0 ? "</th>" : "</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    private static func csvField(_ raw: String) -> String {
        let field = String(
            String.UnicodeScalarView(
                raw.unicodeScalars.filter { scalar in
                    scalar == "\n" || scalar == "\r" || scalar == "\t"
                        || !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value))
                }))
        let needsQuotes = field.contains {
            $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n"
        }
        guard needsQuotes else { return field }
        return "\"" + field.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
    }
}
