import Mustache

/// Renders parsed templates against the view models with swift-mustache's semantics
/// (lookups down the context stack, sections, inheritance, transforms), about twenty times
/// faster (`listdigest-benchmark --pages`): templates are compiled once into flat steps
/// (`TemplateProgram`), fields are read through the views' accessor tables (a variable's text,
/// number or flag written by its view straight into the page), the context stack is one array
/// pushed and popped, and text that needs no escaping is passed through whole (`XMLText`).
/// swift-mustache stays the reference: a test renders every page with both. Unlike it, a
/// control character is replaced, and a quote a combining mark follows is still escaped.
struct TemplateRenderer: Sendable {
    let program: TemplateProgram

    init(templates: [String: [TemplateNode]]) {
        program = TemplateProgram(templates)
    }

    func render(_ object: Any, template name: String) -> String? {
        renderBytes(object, template: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The page as UTF-8 bytes, which it is written as. It grows as bytes: appending thousands
    /// of small strings to a string checked its storage and flags on every piece.
    func renderBytes(_ object: Any, template name: String) -> [UInt8]? {
        guard let body = program.body(of: name) else { return nil }
        var stack = [Frame(object)]
        var output: [UInt8] = []
        output.reserveCapacity(32_768)
        render(body, Scope(), &stack, into: &output)
        return output
    }

    /// An object on the context stack, its kind found once when it is pushed rather than on
    /// every lookup that passes it. A view is held only as a view: casting it again, or
    /// holding it twice, would copy it.
    enum Frame {
        case view(any MustacheView)
        /// A text a section or a list of texts pushed: it has no fields, and lookups pass it
        /// without a cast to find that out.
        case text(String)
        case other(Any)

        init(_ object: Any) {
            if let view = object as? any MustacheView {
                self = .view(view)
            } else if let text = object as? String {
                self = .text(text)
            } else {
                self = .other(object)
            }
        }

        var object: Any {
            switch self {
            case .view(let view): view
            case .text(let text): text
            case .other(let object): object
            }
        }
    }

    /// What a partial or block changes: indentation, the blocks a parent's child overrides (by
    /// name, in the program's strings); and where in a list the current object is, for `first()`,
    /// `index()` and the like.
    private struct Scope {
        var overrides: [Int32: Range<Int32>]?
        var indentation: String?
        /// Only directly inside a list section, as in swift-mustache: not in its partials.
        var position: SequencePosition?

        func indented(by indentation: String?) -> Scope {
            var scope = self
            scope.position = nil
            guard let indentation else { return scope }
            scope.indentation = (self.indentation ?? "") + indentation
            return scope
        }

        func at(_ position: SequencePosition?) -> Scope {
            var scope = self
            scope.position = position
            return scope
        }

        /// The outermost override of a block wins, as in swift-mustache.
        func overriding(_ blocks: [Int32: Range<Int32>]?) -> Scope {
            guard let blocks else { return self }
            var scope = self
            scope.overrides = overrides.map { $0.merging(blocks) { outer, _ in outer } } ?? blocks
            return scope
        }
    }

    private func render(_ steps: Range<Int32>, _ scope: Scope, _ stack: inout [Frame], into output: inout [UInt8]) {
        var index = steps.lowerBound
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            while index < steps.upperBound { index = render(step: index, scope, &stack, into: &output) }
            return
        }
        // swift-mustache indents a piece that starts a new line of this template's output.
        var local: [UInt8] = []
        while index < steps.upperBound {
            var piece: [UInt8] = []
            index = render(step: index, scope, &stack, into: &piece)
            if !piece.isEmpty, local.last == UInt8(ascii: "\n") { local.appendUTF8(indentation) }
            local += piece
        }
        output += local
    }

    /// Renders the step at `index`, with its body; returns where the next step is.
    private func render(step index: Int32, _ scope: Scope, _ stack: inout [Frame], into output: inout [UInt8]) -> Int32
    {
        switch program.steps[Int(index)] {
        case .text(let start, let end):
            program.text.withUnsafeBufferPointer {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)]))
            }
        case .variable(let name, let escaped):
            switch showField(name, in: stack, escaped: escaped, into: &output) {
            case .shown, .missing: return index + 1
            case .notShown: break
            }
            guard let value = lookUpField(name, in: stack, position: scope.position) else { break }
            let text: String
            switch value {
            case .text(let string): text = string
            case .view(let view): text = Self.text(of: view)
            case .views(let views): text = Self.text(of: views)
            case .texts(let texts): text = Self.text(of: texts)
            case .number(let number): text = String(number)
            case .flag(let flag): text = flag ? "true" : "false"
            case .absent: return index + 1
            case .other(let other): text = Self.text(of: other)
            }
            if escaped {
                XMLText.append(text, escapedTo: &output)
            } else {
                output.appendUTF8(text)
            }
        case .section(let name, let inverted, let end):
            let value = lookUpField(name, in: stack, position: scope.position)
            if inverted {
                renderInverted(value, index + 1..<end, scope, &stack, into: &output)
            } else {
                renderSection(value, index + 1..<end, scope, &stack, into: &output)
            }
            return end
        case .partial(let template, let indentation, let overrides, let end):
            guard template >= 0 else { return end }
            let indentation: String? = indentation < 0 ? nil : program.strings[Int(indentation)]
            let overrides: [Int32: Range<Int32>]? = overrides < 0 ? nil : program.overrides[Int(overrides)]
            render(
                program.bodies[Int(template)], scope.indented(by: indentation).overriding(overrides), &stack,
                into: &output)
            return end
        case .block(let name, let indentation, let end):
            render(
                scope.overrides?[name] ?? index + 1..<end, scope.indented(by: program.strings[Int(indentation)]),
                &stack, into: &output)
            return end
        }
        return index + 1
    }

    /// A field whose kind is known: texts, views and lists of views need no cast.
    private func renderSection(
        _ value: FieldValue?, _ body: Range<Int32>, _ scope: Scope, _ stack: inout [Frame],
        into output: inout [UInt8]
    ) {
        switch value {
        case nil: return
        case .text(let text):
            // A text is never a sequence, flag or null: the body once, with the text on the stack.
            stack.append(.text(text))
            render(body, scope.at(nil), &stack, into: &output)
            stack.removeLast()
        case .number(let number):
            // Nor is a number, even 0.
            stack.append(.other(number))
            render(body, scope.at(nil), &stack, into: &output)
            stack.removeLast()
        case .view(let view):
            stack.append(.view(view))
            render(body, scope.at(nil), &stack, into: &output)
            stack.removeLast()
        case .views(let views):
            renderList(views.count, { .view(views[$0]) }, body, scope, &stack, into: &output)
        case .texts(let texts):
            renderList(texts.count, { .text(texts[$0]) }, body, scope, &stack, into: &output)
        case .flag(let flag):
            if flag { render(body, scope, &stack, into: &output) }
        case .absent:
            return
        case .other(let other):
            renderSection(other, body, scope, &stack, into: &output)
        }
    }

    private func renderSection(
        _ value: Any?, _ body: Range<Int32>, _ scope: Scope, _ stack: inout [Frame], into output: inout [UInt8]
    ) {
        guard let value else { return }
        // Views and lists of views come as such (`FieldValue`); what is left here is rare.
        if value is String {
            // A string is never a sequence, flag or null.
        } else if let sequence = value as? any MustacheSequence {
            let elements = Self.elements(of: sequence)
            return renderList(elements.count, { Frame(elements[$0]) }, body, scope, &stack, into: &output)
        } else if let flag = value as? Bool {
            if flag { render(body, scope, &stack, into: &output) }
            return
        } else if let null = value as? MustacheCustomRenderable, null.isNull {
            return
        }
        stack.append(Frame(value))
        render(body, scope.at(nil), &stack, into: &output)
        stack.removeLast()
    }

    /// The body once per element, each pushed in turn, knowing its place in the list.
    private func renderList(
        _ count: Int, _ frame: (Int) -> Frame, _ body: Range<Int32>, _ scope: Scope, _ stack: inout [Frame],
        into output: inout [UInt8]
    ) {
        for index in 0..<count {
            stack.append(frame(index))
            let position = SequencePosition(index: index, first: index == 0, last: index == count - 1)
            render(body, scope.at(position), &stack, into: &output)
            stack.removeLast()
        }
    }

    private func renderInverted(
        _ value: FieldValue?, _ body: Range<Int32>, _ scope: Scope, _ stack: inout [Frame],
        into output: inout [UInt8]
    ) {
        switch value {
        case nil, .absent: render(body, scope, &stack, into: &output)
        case .flag(let flag): if !flag { render(body, scope, &stack, into: &output) }
        case .text, .number, .view: return
        case .views(let views):
            guard views.isEmpty else { return }
            stack.append(.other(views))
            render(body, scope.at(nil), &stack, into: &output)
            stack.removeLast()
        case .texts(let texts):
            guard texts.isEmpty else { return }
            stack.append(.other(texts))
            render(body, scope.at(nil), &stack, into: &output)
            stack.removeLast()
        case .other(let other):
            renderInverted(other, body, scope, &stack, into: &output)
        }
    }

    private func renderInverted(
        _ value: Any?, _ body: Range<Int32>, _ scope: Scope, _ stack: inout [Frame], into output: inout [UInt8]
    ) {
        guard let value else { return render(body, scope, &stack, into: &output) }
        if value is String { return }
        if let sequence = value as? any MustacheSequence {
            guard Self.isEmpty(sequence) else { return }
            stack.append(Frame(value))
            render(body, scope.at(nil), &stack, into: &output)
            stack.removeLast()
        } else if let flag = value as? Bool {
            if !flag { render(body, scope, &stack, into: &output) }
        } else if let null = value as? MustacheCustomRenderable, null.isNull {
            render(body, scope, &stack, into: &output)
        }
    }

    private static func elements<S: Sequence>(of sequence: S) -> [Any] {
        sequence.map { $0 }
    }

    private static func isEmpty<S: Sequence>(_ sequence: S) -> Bool {
        var iterator = sequence.makeIterator()
        return iterator.next() == nil
    }

    // MARK: Lookup

    /// The program's name `number`, looked up. A name with no transform, looked up down the
    /// stack (nearly every name in the templates), reads views' fields by number without casting
    /// them; other names are looked up as swift-mustache does (`lookUp`).
    private func lookUpField(_ number: Int32, in stack: [Frame], position: SequencePosition?) -> FieldValue? {
        let first = program.fieldNumbers[Int(number)]
        if let field = program.plainFields[Int(number)] { return Self.lookUpField(field, number: first, in: stack) }
        let name = program.names[Int(number)]
        guard first >= 0 else { return Self.lookUp(name, in: stack, position: position).map(FieldValue.other) }
        return Self.lookUpField(name.path[0], number: first, in: stack).flatMap {
            Self.resolve(name.path.dropFirst(), from: $0)
        }
    }

    /// Shows the program's name `number` straight from the view that has it: a plain name, or a
    /// path (`page.title`) with no transform. `.notShown` when that is not a text, number, flag
    /// or absent value of a view, which the caller then looks up as a value.
    private func showField(
        _ number: Int32, in stack: [Frame], escaped: Bool, into output: inout [UInt8]
    ) -> FieldShown {
        let first = program.fieldNumbers[Int(number)]
        if let field = program.plainFields[Int(number)] {
            return Self.showField(field, number: first, in: stack, escaped: escaped, into: &output)
        }
        guard first >= 0 else { return .notShown }
        let name = program.names[Int(number)]
        guard let found = Self.lookUpField(name.path[0], number: first, in: stack),
            let owner = Self.resolve(name.path.dropFirst().dropLast(), from: found)
        else { return .missing }
        guard case .view(let view) = owner else { return .notShown }
        return view.showField(number: program.lastFieldNumbers[Int(number)], escaped: escaped, into: &output)
    }

    /// A name of one field with no transform, shown from the first view down the stack that has it.
    private static func showField(
        _ field: String, number: Int32, in stack: [Frame], escaped: Bool, into output: inout [UInt8]
    ) -> FieldShown {
        for depth in stack.indices.reversed() {
            switch stack[depth] {
            case .view(let view):
                let shown = view.showField(number: number, escaped: escaped, into: &output)
                if case .missing = shown { continue }
                return shown
            case .text:
                continue
            case .other:
                return .notShown
            }
        }
        return .missing
    }

    /// A name of one field with no transform, with its number (`FieldNumbers`), looked up down the stack.
    private static func lookUpField(_ field: String, number: Int32, in stack: [Frame]) -> FieldValue? {
        for depth in stack.indices.reversed() {
            switch stack[depth] {
            case .view(let view):
                if let found = view.resolvedField(number: number) { return found }
            case .text:
                continue
            case .other(let object):
                if let found = Self.child(field, of: object) { return .other(found) }
            }
        }
        return nil
    }

    private static func resolve(_ path: ArraySlice<String>, from value: FieldValue) -> FieldValue? {
        var value = value
        for name in path {
            switch value {
            case .view(let view):
                guard let next = view.resolvedField(named: name) else { return nil }
                value = next
            case .text, .number, .flag, .absent:
                return nil
            case .views(let views):
                guard let next = child(name, of: views) else { return nil }
                value = .other(next)
            case .texts(let texts):
                guard let next = child(name, of: texts) else { return nil }
                value = .other(next)
            case .other(let object):
                guard let next = child(name, of: object) else { return nil }
                value = .other(next)
            }
        }
        return value
    }

    static func lookUp(_ name: TemplateName, in stack: [Frame], position: SequencePosition? = nil) -> Any? {
        var found: Any?
        switch name.start {
        case .current:
            found = stack.last?.object
        case .currentOnly:
            found = resolve(name.path[...], from: stack[stack.count - 1].object)
        case .stack:
            if name.path.isEmpty {
                // `{{}}` is the current object; `first()` and the like read the position in the list.
                found = name.transforms.isEmpty ? stack.last?.object : position
            }
            guard let first = name.path.first else { break }
            for depth in stack.indices.reversed() {
                let child: Any?
                switch stack[depth] {
                case .view(let view): child = view.fieldValue(named: first)
                case .text: child = nil
                case .other(let object): child = Self.child(first, of: object)
                }
                if let child {
                    found = resolve(name.path.dropFirst(), from: child)
                    break
                }
            }
        }
        guard var value = found else { return nil }
        for transform in name.transforms.reversed() {
            guard let transformable = value as? MustacheTransformable, let result = transformable.transform(transform)
            else { return nil }
            value = result
        }
        return value
    }

    private static func resolve(_ path: ArraySlice<String>, from object: Any) -> Any? {
        var object = object
        for name in path {
            guard let child = child(name, of: object) else { return nil }
            object = child
        }
        return object
    }

    private static func child(_ name: String, of object: Any) -> Any? {
        // Texts (pushed by sections and lists of texts) first: casting to a protocol costs more.
        if object is String { return nil }
        if let view = object as? any MustacheView { return view.fieldValue(named: name) }
        if let parent = object as? MustacheParent { return parent.child(named: name) }
        guard let match = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        if let optional = match.value as? any OptionalValue { return optional.wrapped }
        return match.value
    }

    private static func text(of value: Any) -> String {
        if let text = value as? String { return text }
        if let number = value as? Int { return String(number) }
        if let renderable = value as? MustacheCustomRenderable { return renderable.renderText }
        if let optional = value as? any OptionalValue, let wrapped = optional.wrapped {
            return String(describing: wrapped)
        }
        return String(describing: value)
    }
}

/// Where the current object is in the list a section walks: what swift-mustache's
/// `first()`, `last()`, `index()`, `even()` and `odd()` read.
struct SequencePosition: MustacheTransformable {
    let index: Int
    let first: Bool
    let last: Bool

    func transform(_ name: String) -> Any? {
        switch name {
        case "first": first
        case "last": last
        case "index": index
        case "even": index & 1 == 0
        case "odd": index & 1 == 1
        default: nil
        }
    }
}
