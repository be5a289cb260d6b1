/// Charts and tables grow as bytes, made a string once: appending hundreds of small strings to
/// a string checked its storage and flags on every piece.
extension [UInt8] {
    /// A literal's bytes, read where the program holds them: passed as a `String`, each of a
    /// chart's thousands of pieces went through the text's storage checks.
    mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: text.utf8)
        }
    }

    /// `append(Escaping.xml(text))`, reading the text's bytes once when it needs no work, as
    /// nearly every attribute (numbers, classes, colours), label, tooltip and cell does.
    mutating func appendEscaped(_ text: String) {
        let appended = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: Escaping.mayNeedWork) else { return false }
            append(contentsOf: utf8)
            return true
        }
        if appended != true { append(Escaping.xml(text)) }
    }
}
