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
        // Grown as bytes, each cell appended in place (a plain cell is its own field, not a
        // copy): a string made for every cell, line and line end took most of writing the
        // trends' CSV files.
        var out: [UInt8] = []
        out.reserveCapacity(16 + (rows.count + 1) * (columns.count * 8 + 2))
        func append(_ record: [String]) {
            for (index, cell) in record.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(Self.csvField(cell))
            }
            out.append(UInt8(ascii: "\r"))
            out.append(UInt8(ascii: "\n"))
        }
        append(columns)
        for row in rows { append(row) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A `<table>` with a header row and row headers in the first column; all text escaped.
    public func html(caption: String? = nil) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + rows.count * 48)
        out.append(literal: "<table class=\"chart-data\">\n")
        if let caption {
            out.append(literal: "<caption>")
            out.appendEscaped(caption)
            out.append(literal: "</caption>\n")
        }
        out.append(literal: "<thead><tr>")
        for column in columns {
            out.append(literal: "<th scope=\"col\">")
            out.appendEscaped(column)
            out.append(literal: "</th>")
        }
        out.append(literal: "</tr></thead>\n<tbody>\n")
        for row in rows {
            out.append(literal: "<tr>")
            for (i, cell) in row.enumerated() {
                out.append(literal: i == 0 ? "<th scope=\"row\">" : "<td>")
                out.appendEscaped(cell)
                out.append(literal: i == 0 ? "</th>" : "</td>")
            }
            out.append(literal: "</tr>\n")
        }
        out.append(literal: "</tbody>\n</table>\n")
        return String(decoding: out, as: UTF8.self)
    }

    private static func csvField(_ raw: String) -> String {
        // Printable ASCII without a comma or quote stays as it is (nearly every cell: week ids,
        // numbers, names); the trends pages write tens of thousands of cells.
        if raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") }) {
            return raw
        }
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
