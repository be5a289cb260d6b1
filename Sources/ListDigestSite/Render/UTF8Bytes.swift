/// Pages and charts grow as bytes, made a string or written once at the end: appending
/// thousands of small strings to a string checked its storage and flags on every piece.
extension [UInt8] {
    /// Appends the text's UTF-8 bytes.
    mutating func appendUTF8(_ text: String) {
        // Read where the text lies: `withUTF8` needs a mutable copy, and so a retain.
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: text.utf8)
        }
    }
}
