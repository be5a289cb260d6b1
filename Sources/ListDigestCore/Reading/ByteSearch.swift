extension StringProtocol {
    /// Whether `text` occurs here, compared byte by byte: for the report's fixed keywords,
    /// where Foundation's `contains` would go through NSString for every line. Unlike it,
    /// `📝` is found in `📝\u{FE0F}` (an emoji with its variation selector), and compatibility
    /// ideographs are not folded into the ones they stand for.
    func includes(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard let first = needle.first else { return true }
        let haystack = Array(utf8)
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
