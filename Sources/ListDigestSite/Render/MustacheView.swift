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
        // Like swift-mustache's reflection: a nil optional is no value, so the lookup goes on
        // up the context stack.
        guard let value else { return nil }
        if let optional = value as? any OptionalValue { return optional.wrapped }
        return value
    }
}

/// Renders with reflection instead of key paths, for the test that both give the same site.
enum MustacheReflection {
    @TaskLocal static var forced = false
}
