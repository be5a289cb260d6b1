import Mustache

/// A view model that hands Mustache its fields through accessors instead of reflection.
/// swift-mustache falls back to `Mirror` for other values, which decodes every field's
/// type on every lookup.
protocol MustacheView: MustacheParent {
    /// Every field, sorted by name.
    static var mustacheFieldList: [(String, @Sendable (Self) -> Any)] { get }
    static var mustacheFields: [String: @Sendable (Self) -> Any] { get }
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

    /// The field's value; an optional field that is nil is `NoValue` (see `optionalField`).
    func fieldValue(named name: String) -> Any? {
        Self.mustacheFields[name].map { $0(self) }
    }
}

/// How an accessor table hands over an optional field: its value, or `NoValue` when nil. Nil
/// would make Mustache look the name up in the enclosing views and show theirs (a series row
/// without a last week once showed the person page's last week).
func optionalField<Value>(_ value: Value?) -> Any {
    if let value { return value }
    return NoValue()
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
