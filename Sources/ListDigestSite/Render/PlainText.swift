import Foundation

/// Text for meta tags from rendered HTML: tags dropped, the entities libcmark writes decoded
/// (the templates escape it again).
enum PlainText {
    static let maximumLength = 200

    static func firstSentence(ofHTML html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" {
                inTag = true
                text.append(" ")
            } else if character == ">" {
                inTag = false
            } else if !inTag {
                text.append(character)
            }
        }
        let collapsed = decodeEntities(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        let enders: Set<Character> = ["。", "！", "？", ".", "!", "?"]
        var sentence = ""
        for character in collapsed {
            sentence.append(character)
            if enders.contains(character), sentence.count > 20 { break }
        }
        return sentence.count > maximumLength ? String(sentence.prefix(maximumLength - 1)) + "…" : sentence
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
