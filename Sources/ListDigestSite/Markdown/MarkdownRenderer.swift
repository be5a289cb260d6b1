import CCmark
import Foundation

/// CommonMark to HTML through libcmark, in its safe mode: raw HTML is
/// replaced by a comment and `javascript:`-like URLs are dropped.
public enum MarkdownRenderer {
    /// The libcmark the program runs with: a newer one may render the same Markdown differently.
    public static let libraryVersion = String(cString: cmark_version_string())

    public static func html(_ markdown: String) -> String {
        // libcmark ≥ 0.29 is safe unless CMARK_OPT_UNSAFE is set; SAFE is named
        // anyway so that an older library is safe too.
        let options = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8
        var utf8 = Array(markdown.utf8)
        utf8.append(0)
        return utf8.withUnsafeBufferPointer { buffer -> String in
            guard let rendered = cmark_markdown_to_html(buffer.baseAddress, buffer.count - 1, options) else {
                return ""
            }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}
