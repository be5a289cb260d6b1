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
        let value =
            MustacheReflection.forced
            ? Mirror(reflecting: self).children.first { $0.label == name }?.value
            : Self.mustacheFields[name].map { $0(self) }
        guard let value else { return nil }
        // A field that is nil is this view's answer: "nothing". Returning nil instead would
        // make Mustache look the name up in the enclosing views and show theirs (a series
        // row without a last week once showed the person page's last week).
        if let optional = value as? any OptionalValue { return optional.wrapped ?? NoValue() }
        return value
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
