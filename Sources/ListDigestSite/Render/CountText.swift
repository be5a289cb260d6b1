// Counts as people read them, on pages and in the command line's summaries.

/// Thousands separated by commas: 9,021.
package func formatCount(_ value: Int) -> String {
    let digits = String(abs(value))
    var grouped = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
        grouped.append(character)
    }
    return value < 0 ? "-" + grouped : grouped
}

/// `1 week`, `3 weeks`, `1,024 series` (`pluralForm` when the plural is not `singular` + s).
package func plural(_ count: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(formatCount(count)) \(count == 1 ? singular : pluralForm ?? singular + "s")"
}
