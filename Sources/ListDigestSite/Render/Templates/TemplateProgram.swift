/// The templates flattened into one list of steps whose texts, names and indentations are
/// numbers into tables. Walking the tree of `TemplateNode`s retained and released every node,
/// text and name it passed, on every page; walking these steps copies nothing that is counted.
struct TemplateProgram: Sendable {
    /// A body is the steps after the one that holds it, up to its `end`.
    enum Step: Sendable {
        /// The bytes `start ..< end` of `text`.
        case text(start: Int32, end: Int32)
        case variable(name: Int32, escaped: Bool)
        case section(name: Int32, inverted: Bool, end: Int32)
        /// `template`: -1 when no template has the name, which renders nothing, as in swift-mustache.
        /// `indentation` (in `strings`) and `overrides`: -1 for none. The bodies overriding blocks
        /// follow it, up to `end`.
        case partial(template: Int32, indentation: Int32, overrides: Int32, end: Int32)
        /// `name` and `indentation` in `strings`; the default body follows.
        case block(name: Int32, indentation: Int32, end: Int32)
    }

    private(set) var steps: [Step] = []
    /// Every text of every template, as UTF-8.
    private(set) var text: [UInt8] = []
    private(set) var names: [TemplateName] = []
    /// By name: its one field when it is only that, looked up down the stack (nearly every name in
    /// the templates). A short text is copied without a retain, unlike the name's arrays.
    private(set) var plainFields: [String?] = []
    /// By name, for one with no transform looked up down the stack: the numbers (`FieldNumbers`)
    /// of its first and last field (`page` and `title` in `page.title`; both its one field in a
    /// plain name); -1 for other names.
    private(set) var fieldNumbers: [Int32] = []
    private(set) var lastFieldNumbers: [Int32] = []
    /// Indentations and block names.
    private(set) var strings: [String] = []
    /// By template number: its steps.
    private(set) var bodies: [Range<Int32>] = []
    private(set) var templateNumbers: [String: Int32] = [:]
    /// The blocks a `{{<parent}}` overrides: by block name (in `strings`), the overriding body.
    private(set) var overrides: [[Int32: Range<Int32>]] = []
    private var stringNumbers: [String: Int32] = [:]

    init(_ templates: [String: [TemplateNode]]) {
        let sorted = templates.keys.sorted()
        for (number, name) in sorted.enumerated() { templateNumbers[name] = Int32(number) }
        for name in sorted {
            let start = Int32(steps.count)
            append(templates[name]!)
            bodies.append(start..<Int32(steps.count))
        }
    }

    func body(of template: String) -> Range<Int32>? {
        templateNumbers[template].map { bodies[Int($0)] }
    }

    private mutating func append(_ nodes: [TemplateNode]) {
        for node in nodes { append(node) }
    }

    private mutating func append(_ node: TemplateNode) {
        switch node {
        case .text(let string):
            let start = Int32(text.count)
            text.appendUTF8(string)
            steps.append(.text(start: start, end: Int32(text.count)))
        case .variable(let name, let escaped):
            steps.append(.variable(name: number(of: name), escaped: escaped))
        case .section(let name, let inverted, let body):
            let name = number(of: name)
            appendHolding(body) { .section(name: name, inverted: inverted, end: $0) }
        case .partial(let name, let indentation, let overrides):
            let template = templateNumbers[name] ?? -1
            var indented: Int32 = -1
            if let indentation { indented = number(of: indentation) }
            guard let overrides else {
                let next = Int32(steps.count + 1)
                steps.append(.partial(template: template, indentation: indented, overrides: -1, end: next))
                return
            }
            // The overriding bodies follow the partial, which the walk then jumps over.
            let position = steps.count
            steps.append(.text(start: 0, end: 0))
            var bodies: [Int32: Range<Int32>] = [:]
            for (block, body) in overrides.sorted(by: { $0.key < $1.key }) {
                let start = Int32(steps.count)
                append(body)
                bodies[number(of: block)] = start..<Int32(steps.count)
            }
            self.overrides.append(bodies)
            steps[position] = .partial(
                template: template, indentation: indented, overrides: Int32(self.overrides.count - 1),
                end: Int32(steps.count))
        case .block(let name, let defaultBody, let indentation):
            let name = number(of: name)
            let indentation = number(of: indentation)
            appendHolding(defaultBody) { .block(name: name, indentation: indentation, end: $0) }
        case .blockOverride:
            // Collected into its partial's overrides by the parser.
            break
        }
    }

    /// A step whose body follows it; `step` is given where the body ends.
    private mutating func appendHolding(_ body: [TemplateNode], _ step: (Int32) -> Step) {
        let position = steps.count
        steps.append(.text(start: 0, end: 0))
        append(body)
        steps[position] = step(Int32(steps.count))
    }

    private mutating func number(of name: TemplateName) -> Int32 {
        names.append(name)
        let plain = name.transforms.isEmpty && name.start == .stack && name.path.count == 1
        plainFields.append(plain ? name.path[0] : nil)
        let path = name.transforms.isEmpty && name.start == .stack && !name.path.isEmpty
        fieldNumbers.append(path ? FieldNumbers.number(of: name.path[0]) : -1)
        lastFieldNumbers.append(path ? FieldNumbers.number(of: name.path[name.path.count - 1]) : -1)
        return Int32(names.count - 1)
    }

    private mutating func number(of string: String) -> Int32 {
        if let number = stringNumbers[string] { return number }
        strings.append(string)
        stringNumbers[string] = Int32(strings.count - 1)
        return Int32(strings.count - 1)
    }
}
