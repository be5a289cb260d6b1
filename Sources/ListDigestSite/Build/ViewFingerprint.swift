import ListDigestCore

/// A stable hash of everything a view model shows, walked through the same accessor tables
/// Mustache reads. Two views with the same fingerprint render to the same page, so a page
/// whose fingerprint did not change since the last build need not be rendered again.
enum ViewFingerprint {
    static func of(_ view: some MustacheView, salt: String) -> String {
        var hasher = StableHasher()
        hasher.combine(salt)
        view.fingerprint(into: &hasher)
        return hasher.hex
    }
}

/// What a view field can hold. Kinds other than text start with a byte UTF-8 never holds,
/// so none can pass for a text (an absent optional field is 0xFE, see `ViewField.optional`).
protocol Fingerprintable {
    func fingerprint(into hasher: inout StableHasher)
}

extension String: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) { hasher.combine(self) }
}

extension Int: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(bytes: CollectionOfOne(0xFC))
        hasher.combine(self)
    }
}

extension Bool: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) { hasher.combine(bytes: [0xFD, self ? 1 : 0]) }
}

extension Array: Fingerprintable where Element: Fingerprintable {
    func fingerprint(into hasher: inout StableHasher) {
        hasher.combine(count)
        for element in self { element.fingerprint(into: &hasher) }
    }
}

/// Lets the reflection path look inside an `Optional` held as `Any`.
protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self.map { $0 as Any } }
}
