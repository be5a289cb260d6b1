import ListDigestCore

/// A stable hash of everything a view model shows, walked through the same accessor tables
/// Mustache reads. Two views with the same fingerprint render to the same page, so a page
/// whose fingerprint did not change since the last build need not be rendered again.
enum ViewFingerprint {
    static func of(_ view: Any, salt: String) -> String {
        var hasher = StableHasher()
        hasher.combine(salt)
        combine(view, into: &hasher)
        return hasher.hex
    }

    static func combine(_ value: Any, into hasher: inout StableHasher) {
        // The common kinds first: a cast to a concrete type is cheap, one to a protocol is not.
        switch value {
        // Kinds other than text start with a byte UTF-8 never holds, so none can pass for a text.
        case let text as String: hasher.combine(text)
        case let number as Int:
            hasher.combine(bytes: [0xFC])
            hasher.combine(number)
        case let flag as Bool: hasher.combine(bytes: [0xFD, flag ? 1 : 0])
        case is NoValue: hasher.combine(bytes: [0xFE])
        case let view as any MustacheView: view.combineFields(into: &hasher)
        case let texts as [String]:
            hasher.combine(texts.count)
            for text in texts { hasher.combine(text) }
        case let list as any Collection:
            hasher.combine(list.count)
            for element in list { combine(element, into: &hasher) }
        case let optional as any OptionalValue:
            if let wrapped = optional.wrapped {
                hasher.combine("some")
                combine(wrapped, into: &hasher)
            } else {
                hasher.combine("none")
            }
        default:
            // Anything else is shown through its description, so hashing that is exact.
            hasher.combine(String(describing: value))
        }
    }
}

extension MustacheView {
    func combineFields(into hasher: inout StableHasher) {
        for (name, field) in Self.mustacheFieldList {
            hasher.combine(name)
            ViewFingerprint.combine(field(self), into: &hasher)
        }
    }
}

/// Lets the fingerprint look inside an `Optional` held as `Any`.
protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self.map { $0 as Any } }
}
