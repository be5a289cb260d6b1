/// A template parsed once for `TemplateRenderer`: what swift-mustache's tokens hold, with
/// every name already split into its parts so rendering does no string work.
indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, inverted: Bool, body: [TemplateNode])
    /// `{{>name}}`, or `{{<name}}` with the blocks it overrides.
    case partial(String, indentation: String?, overrides: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}` in a template that others extend.
    case block(String, defaultBody: [TemplateNode], indentation: String)
    /// `{{$name}}…{{/name}}` inside `{{<parent}}`: collected into the partial's overrides.
    case blockOverride(String, body: [TemplateNode])
}

/// `name`, `a.b.c`, `.`, `.a` (current object only), and transforms: `count(a)` is
/// path `["a"]`, transforms `["count"]`.
struct TemplateName: Sendable {
    enum Start: Sendable {
        /// `.`: the current object.
        case current
        /// `.a.b`: the current object only, no search down the context stack.
        case currentOnly
        /// `a.b`: the first object on the stack that has `a`, innermost first.
        case stack
    }

    let start: Start
    let path: [String]
    let transforms: [String]

    init(_ text: String, transforms: [String]) {
        self.transforms = transforms
        if text == "." {
            start = .current
            path = []
        } else {
            start = text.hasPrefix(".") ? .currentOnly : .stack
            path = text.split(separator: ".").map(String.init)
        }
    }
}
