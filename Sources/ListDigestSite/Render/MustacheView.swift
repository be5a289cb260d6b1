import ListDigestCore
import Mustache

/// A view model that hands Mustache its fields through accessors instead of reflection.
/// swift-mustache falls back to `Mirror` for other values, which decodes every field's
/// type on every lookup.
protocol MustacheView: MustacheParent, Fingerprintable {
    /// Every field, sorted by name.
    static var mustacheFieldList: [(String, ViewField<Self>)] { get }
    // Requirements, not only extension methods: each view's witness is then the default
    // specialised for it, instead of generic code that looks up metadata on every call.
    func fieldValue(named name: String) -> Any?
    func resolvedField(named name: String) -> FieldValue?
    func showField(named name: String, escaped: Bool, into output: inout [UInt8]) -> FieldShown
    func fingerprint(into hasher: inout StableHasher)
}

extension MustacheView {
    func child(named name: String) -> Any? {
        guard MustacheReflection.forced else { return fieldValue(named: name) }
        guard let value = Mirror(reflecting: self).children.first(where: { $0.label == name })?.value else {
            return nil
        }
        if let optional = value as? any OptionalValue { return optional.wrapped ?? NoValue() }
        return value
    }

    /// The names of its fields, in order.
    static var fieldNames: [String] { mustacheFieldList.map(\.0) }

    /// The field's value; an optional field that is nil is `NoValue` (see `ViewField.optional`).
    func fieldValue(named name: String) -> Any? {
        // A view has a dozen fields with short names: comparing them beats hashing the name.
        Self.mustacheFieldList.withUnsafeBufferPointer { fields in
            for index in fields.indices where fields[index].0 == name { return fields[index].1.value(self) }
            return nil
        }
    }

    /// The field's value sorted by kind, as the renderer takes it.
    func resolvedField(named name: String) -> FieldValue? {
        Self.mustacheFieldList.withUnsafeBufferPointer { fields in
            for index in fields.indices where fields[index].0 == name { return fields[index].1.resolved(self) }
            return nil
        }
    }

    /// Writes the field into the page as `{{name}}` shows it (`{{{name}}}` when not `escaped`),
    /// when it is a text, a number, a flag or absent: straight from the view, with no value
    /// handed over to be retained and released on the way.
    func showField(named name: String, escaped: Bool, into output: inout [UInt8]) -> FieldShown {
        Self.mustacheFieldList.withUnsafeBufferPointer { fields in
            for index in fields.indices where fields[index].0 == name {
                return fields[index].1.show(self, escaped, &output) ? .shown : .notShown
            }
            return .missing
        }
    }

    /// Every field by name and value, walked through the typed accessors: no casts.
    func fingerprint(into hasher: inout StableHasher) {
        for (name, field) in Self.mustacheFieldList {
            hasher.combine(name)
            field.fingerprint(self, &hasher)
        }
    }
}

/// A field's value sorted by what the renderer does with it, from the field's static type when
/// the accessor table is built: so rendering needs no cast to tell a text from a view or a list.
enum FieldValue {
    case text(String)
    case view(any MustacheView)
    case views([any MustacheView])
    /// A list of texts (tags, addresses, subjects): walked with no cast to tell what it is.
    case texts([String])
    /// A count, shown as its digits.
    case number(Int)
    case flag(Bool)
    /// An optional field that is nil (`NoValue` to swift-mustache): renders as nothing, counts as false.
    case absent
    /// Anything else (numbers, mostly), which the renderer looks at as Mustache does.
    case other(Any)
}

/// What `MustacheView.showField` did.
enum FieldShown {
    case shown
    /// The view has no field of that name.
    case missing
    /// The field is a view, a list or another value: the renderer looks at its value.
    case notShown
}

/// One field of a view, read four ways: as `Any` for swift-mustache, sorted by kind for the
/// renderer, written straight into a page when a variable shows it, and typed for the
/// fingerprint, so hashing a view's thousands of values needs no dynamic cast. The most specific
/// initialiser fits each field: a text, a number, a view, a list of views or of texts, anything else.
struct ViewField<View>: Sendable {
    let value: @Sendable (View) -> Any
    let resolved: @Sendable (View) -> FieldValue
    /// Appends the field as a variable shows it (escaped or not) and says true; false, appending
    /// nothing, for a field that is not a text, number or flag.
    let show: @Sendable (View, Bool, inout [UInt8]) -> Bool
    let fingerprint: @Sendable (View, inout StableHasher) -> Void

    init<Value: Fingerprintable>(_ read: @escaping @Sendable (View) -> Value) {
        self.init(read, resolved: { .other(read($0)) })
    }

    init(_ read: @escaping @Sendable (View) -> String) {
        self.init(read, resolved: { .text(read($0)) }) { view, escaped, output in
            XMLText.append(read(view), escaped: escaped, to: &output)
            return true
        }
    }

    init(_ read: @escaping @Sendable (View) -> Int) {
        self.init(read, resolved: { .number(read($0)) }) { view, _, output in
            output.appendUTF8(String(read(view)))
            return true
        }
    }

    init(_ read: @escaping @Sendable (View) -> Bool) {
        self.init(read, resolved: { .flag(read($0)) }) { view, _, output in
            output.appendUTF8(read(view) ? "true" : "false")
            return true
        }
    }

    init<Value: MustacheView>(_ read: @escaping @Sendable (View) -> Value) {
        self.init(read, resolved: { .view(read($0)) })
    }

    init<Element: MustacheView>(_ read: @escaping @Sendable (View) -> [Element]) {
        self.init(read, resolved: { .views(read($0)) })
    }

    init(_ read: @escaping @Sendable (View) -> [String]) {
        self.init(read, resolved: { .texts(read($0)) })
    }

    private init<Value: Fingerprintable>(
        _ read: @escaping @Sendable (View) -> Value, resolved: @escaping @Sendable (View) -> FieldValue,
        show: @escaping @Sendable (View, Bool, inout [UInt8]) -> Bool = { _, _, _ in false }
    ) {
        value = { read($0) }
        self.resolved = resolved
        self.show = show
        fingerprint = { read($0).fingerprint(into: &$1) }
    }

    /// An optional field hands Mustache its value, or `NoValue` when nil. Nil would make
    /// Mustache look the name up in the enclosing views and show theirs (a series row
    /// without a last week once showed the person page's last week). Optionals are not
    /// `Fingerprintable`, so `init` refuses them and they must come through here.
    static func optional<Value: Fingerprintable>(_ read: @escaping @Sendable (View) -> Value?) -> ViewField {
        optional(read, resolved: { .other($0) })
    }

    static func optional(_ read: @escaping @Sendable (View) -> String?) -> ViewField {
        optional(read, resolved: { .text($0) }) { view, escaped, output in
            if let text = read(view) { XMLText.append(text, escaped: escaped, to: &output) }
            return true
        }
    }

    static func optional(_ read: @escaping @Sendable (View) -> Int?) -> ViewField {
        optional(read, resolved: { .number($0) }) { view, _, output in
            if let number = read(view) { output.appendUTF8(String(number)) }
            return true
        }
    }

    static func optional<Value: MustacheView>(_ read: @escaping @Sendable (View) -> Value?) -> ViewField {
        optional(read, resolved: { .view($0) })
    }

    private static func optional<Value: Fingerprintable>(
        _ read: @escaping @Sendable (View) -> Value?, resolved: @escaping @Sendable (Value) -> FieldValue,
        show: @escaping @Sendable (View, Bool, inout [UInt8]) -> Bool = { _, _, _ in false }
    ) -> ViewField {
        ViewField(
            value: { read($0).map { $0 as Any } ?? NoValue() },
            resolved: { read($0).map(resolved) ?? .absent }, show: show,
            fingerprint: { view, hasher in
                if let value = read(view) {
                    value.fingerprint(into: &hasher)
                } else {
                    hasher.combine(byte: 0xFE)
                }
            })
    }

    private init(
        value: @escaping @Sendable (View) -> Any, resolved: @escaping @Sendable (View) -> FieldValue,
        show: @escaping @Sendable (View, Bool, inout [UInt8]) -> Bool,
        fingerprint: @escaping @Sendable (View, inout StableHasher) -> Void
    ) {
        self.value = value
        self.resolved = resolved
        self.show = show
        self.fingerprint = fingerprint
    }
}

/// Renders as nothing and counts as false in sections, but ends the lookup.
struct NoValue: MustacheCustomRenderable {
    var renderText: String { "" }
    var isNull: Bool { true }
}

/// Renders with reflection instead of key paths, for the test that both give the same site.
enum MustacheReflection {
    @TaskLocal static var forced = false
}

/// Lets the renderer and the reflection path look inside an `Optional` held as `Any`.
protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self.map { $0 as Any } }
}
