import Foundation

/// URL-safe names made from titles: lower-case ASCII letters, digits and `-`,
/// never empty, `.`-free (so never `..`) and bounded in length.
public enum Slug {
    public static let maximumLength = 80

    /// `[PATCH v5] KVM: x86: Add "mediated" vPMUs` → `patch-v5-kvm-x86-add-mediated-vpmus`.
    /// Returns `fallback` when the text has no ASCII letter or digit.
    /// Accented Latin letters lose their accents (`Daudé` → `daude`); these have none to lose.
    private static let transliterations: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i",
    ]

    public static func make(_ text: String, fallback: String = "item", maximumLength: Int = maximumLength) -> String {
        var slug = ""
        var pendingDash = false
        let decomposed = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.decomposedStringWithCompatibilityMapping
        for scalar in decomposed.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let lowered = scalar.properties.lowercaseMapping
            var letters = ""
            if lowered.count == 1, let ascii = lowered.unicodeScalars.first, ascii.isASCII,
                ascii.properties.isAlphabetic || ("0"..."9").contains(ascii)
            {
                letters = lowered
            } else if let first = lowered.unicodeScalars.first, let ascii = transliterations[first] {
                letters = ascii
            }
            if letters.isEmpty {
                pendingDash = true
            } else {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug += letters
            }
        }
        if slug.count > maximumLength {
            slug = String(slug.prefix(maximumLength))
            // Cut at a word boundary when one is near, never leaving a trailing dash.
            if let lastDash = slug.lastIndex(of: "-"),
                slug.distance(from: slug.startIndex, to: lastDash) > maximumLength / 2
            {
                slug = String(slug[..<lastDash])
            }
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? fallback : slug
    }
}

/// Hands out slugs that are unique within one scope, in the order asked:
/// the first `foo` stays `foo`, the next becomes `foo-2`.
public struct SlugAllocator: Sendable {
    private var used: Set<String> = []

    public init() {}

    public mutating func unique(_ base: String) -> String {
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
