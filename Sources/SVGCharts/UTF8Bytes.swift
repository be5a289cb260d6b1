/// Charts and tables grow as bytes, made a string once: appending hundreds of small strings to
/// a string checked its storage and flags on every piece.
extension [UInt8] {
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
