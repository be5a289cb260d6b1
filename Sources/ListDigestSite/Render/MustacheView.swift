import ListDigestCore
import Mustache
import Synchronization

/// A view model that hands Mustache its fields through accessors instead of reflection.
/// swift-mustache falls back to `Mirror` for other values, which decodes every field's
/// type on every lookup.
protocol MustacheView: MustacheParent, Fingerprintable {
    /// Every field, sorted by name.
    static var mustacheFieldList: ViewFields<Self> { get }
    // Requirements, not only extension methods: each view's witness is then the default
    // specialised for it, instead of generic code that looks up metadata on every call.
    func fieldValue(named name: String) -> Any?
    func resolvedField(named name: String) -> FieldValue?
    func resolvedField(number: Int32) -> FieldValue?
    func showField(number: Int32, escaped: Bool, into output: inout [UInt8]) -> FieldShown
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
    static var fieldNames: [String] { mustacheFieldList.names }

    /// The field's value; an optional field that is nil is `NoValue` (see `ViewField.optional`).
    func fieldValue(named name: String) -> Any? {
        let fields = Self.mustacheFieldList
        return fields.names.firstIndex(of: name).map { fields.fields[$0].value(self) }
    }

    /// The field's value sorted by kind, as the renderer takes it.
    func resolvedField(named name: String) -> FieldValue? {
        let fields = Self.mustacheFieldList
        return fields.names.firstIndex(of: name).map { fields.fields[$0].resolved(self) }
    }

    /// `resolvedField(named:)` by the name's number (`FieldNumbers`), as the renderer asks.
    func resolvedField(number: Int32) -> FieldValue? {
        let fields = Self.mustacheFieldList
        return fields.index(of: number).map { fields.fields[$0].resolved(self) }
    }

    /// Writes the field (by its name's number, `FieldNumbers`) into the page as `{{name}}` shows
    /// it (`{{{name}}}` when not `escaped`), when it is a text, a number, a flag or absent:
    /// straight from the view, with no value handed over to be retained and released on the way.
    func showField(number: Int32, escaped: Bool, into output: inout [UInt8]) -> FieldShown {
        show(Self.mustacheFieldList.index(of: number), escaped: escaped, into: &output)
    }

    /// `showField(number:)` by name, as tests ask; the renderer asks by number.
    func showField(named name: String, escaped: Bool, into output: inout [UInt8]) -> FieldShown {
        show(Self.mustacheFieldList.names.firstIndex(of: name), escaped: escaped, into: &output)
    }

    private func show(_ field: Int?, escaped: Bool, into output: inout [UInt8]) -> FieldShown {
        guard let field else { return .missing }
        return Self.mustacheFieldList.fields[field].show(self, escaped, &output) ? .shown : .notShown
    }

    /// Every field by name and value, walked through the typed accessors: no casts.
    func fingerprint(into hasher: inout StableHasher) {
        let fields = Self.mustacheFieldList
        for index in fields.names.indices {
            hasher.combine(fields.names[index])
            fields.fields[index].fingerprint(self, &hasher)
        }
    }
}

/// A view's fields, sorted by name (written as a list of names and fields), with each name's
/// number (`FieldNumbers`), which the renderer looks them up by: comparing a dozen small numbers
/// beats comparing a dozen names.
struct ViewFields<View>: Sendable, ExpressibleByArrayLiteral {
    let names: [String]
    let numbers: [Int32]
    let fields: [ViewField<View>]

    init(arrayLiteral entries: (String, ViewField<View>)...) {
        names = entries.map(\.0)
        numbers = names.map(FieldNumbers.number(of:))
        fields = entries.map(\.1)
    }

    func index(of number: Int32) -> Int? {
        numbers.withUnsafeBufferPointer { numbers in numbers.firstIndex(of: number) }
    }
}

/// Every field name the views and templates use, numbered once in this process.
enum FieldNumbers {
    private static let numbers = Mutex<[String: Int32]>([:])

    static func number(of name: String) -> Int32 {
        numbers.withLock { numbers in
            if let number = numbers[name] { return number }
            let number = Int32(numbers.count)
            numbers[name] = number
            return number
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
