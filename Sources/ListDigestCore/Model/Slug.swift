import Foundation

/// URL-safe names made from titles: lower-case ASCII letters, digits and `-`,
/// never empty, `.`-free (so never `..`) and bounded in length.
public enum Slug {
    public static let maximumLength = 80

    /// Letters with no accent to lose, spelled in ASCII.
    private static let transliterations: [Unicode.Scalar: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "ı": "i",
    ]

    /// `[PATCH v5] KVM: x86: Add "mediated" vPMUs` → `patch-v5-kvm-x86-add-mediated-vpmus`.
    /// Returns `fallback` when the text has no ASCII letter or digit. Accented Latin letters
    /// lose their accents (`Daudé` → `daude`), and a few others are spelled out (`ø` → `o`).
    public static func make(_ text: String, fallback: String = "item", maximumLength: Int = maximumLength) -> String {
        var slug = text.isASCII ? asciiWords(text) : words(text)
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

    /// Letters and digits, lower-cased, runs of anything else as one `-` between them.
    static func words(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
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
        return slug
    }

    /// `words` for ASCII text, over bytes: most titles and names are ASCII, and the Unicode
    /// tables are the costly part.
    static func asciiWords(_ text: String) -> String {
        // Written straight into the string: no more bytes than the text has (a dash stands for
        // at least one byte left out), and a short slug needs no storage of its own.
        text.withUTF8Bytes { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var pendingDash = false
                for byte in bytes {
                    let letter: UInt8
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): letter = byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = byte + 0x20
                    default:
                        pendingDash = true
                        continue
                    }
                    if pendingDash && count > 0 {
                        output[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    pendingDash = false
                    output[count] = letter
                    count += 1
                }
                return count
            }
        }
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
