import ListDigestCore

/// A stable hash of everything a view model shows, walked through the same accessor tables
/// Mustache reads. Two views with the same fingerprint render to the same page, so a page
/// whose fingerprint did not change since the last build need not be rendered again.
enum ViewFingerprint {
    static func of(_ view: some MustacheView, salt: String) -> String {
        var hasher = StableHasher()
        hasher.combine(salt)
        view.fingerprint(into: &hasher)
        return hasher.shortHex
    }
}

/// What a view field can hold. Each field has one type, so values of different kinds never
/// meet in one place; numbers and flags still start with a byte UTF-8 never holds, and an absent
/// optional field is 0xFE (see `ViewField.optional`), so none of them passes for a text.
protocol Fingerprintable: SendableMetatype {
    func fingerprint(into hasher: inout StableHasher)
}

extension String: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) { hasher.combine(self) }
}

extension Int: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(byte: 0xFC)
        hasher.combine(self)
    }
}

extension Bool: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(byte: 0xFD)
        hasher.combine(byte: self ? 1 : 0)
    }
}

extension Array: Fingerprintable where Element: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(count)
        for element in self { element.fingerprint(into: &hasher) }
    }
}
