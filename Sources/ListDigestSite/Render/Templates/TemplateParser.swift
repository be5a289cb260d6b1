/// Parses Mustache text into `TemplateNode`s with swift-mustache's rules for standalone
/// lines, indentation and inheritance, so both render the same bytes (a test renders every
/// page both ways). The line-by-line walk follows swift-mustache's `Template+Parser.swift`
/// (Copyright the Hummingbird authors, Apache License 2.0). swift-mustache has already
/// checked the syntax when this runs; the errors here are mostly for what ListDigest's
/// renderer does not do.
struct TemplateParser {
    struct Failure: Error {
        let line: Int
        let message: String
    }

    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var inParent = false
        var parentTopLevel = false
        var parentIndent: String?
        var start = "{{"
        var end = "}}"

        func inSection(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func inParent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.inParent = true
            state.parentTopLevel = true
            return state
        }
    }

    private let characters: [Character]
    /// Where each character starts in `text`, and its end: spans of text are copied from there.
    private let text: String
    private let starts: [String.Index]
    private var position = 0

    private init(_ text: String) {
        self.text = text
        characters = Array(text)
        starts = Array(text.indices) + [text.endIndex]
    }

    static func parse(_ text: String) throws(Failure) -> [TemplateNode] {
        var parser = TemplateParser(text)
        return try parser.parse(State())
    }

    private func failure(_ message: String) -> Failure {
        Failure(line: characters[..<min(position, characters.count)].count { $0.isNewline } + 1, message: message)
    }

    // MARK: Scanning

    private var atEnd: Bool { position >= characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    @discardableResult
    private mutating func skip(while belongs: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, belongs(characters[position]) { position += 1 }
        return String(text[starts[start]..<starts[position]])
    }

    private mutating func read(_ expected: String) -> Bool {
        // Character by character, in place: two arrays made for every probe were most of
        // parsing the templates, which every build does.
        var probe = position
        for character in expected {
            guard probe < characters.count, characters[probe] == character else { return false }
            probe += 1
        }
        position = probe
        return true
    }

    /// Consumes the rest of the line when it holds only spaces and tabs.
    private mutating func lineFinished() -> Bool {
        if atEnd { return true }
        var probe = position
        while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
        if probe < characters.count, characters[probe].isNewline {
            position = probe + 1
            return true
        }
        return false
    }

    private mutating func standalone(_ state: State) -> Bool {
        state.newLine && lineFinished()
    }

    /// Text up to a line break (not consumed) or past the next opening delimiter.
    private mutating func readText(_ state: State) -> String {
        // Copied from the template in one piece: appended character by character, texts were
        // most of parsing the templates, which every build does.
        let start = position
        var end = position
        let first = state.start.first!
        while !atEnd {
            let character = characters[position]
            if character == "\n" || character == "\r\n" { break }
            if character == first, read(state.start) { break }
            position += 1
            end = position
        }
        return String(text[starts[start]..<starts[end]])
    }

    private static let nameCharacters = Set<Character>(
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = nameCharacters.union(["/"])

    private mutating func readName(_ state: State) throws(Failure) -> (String, [String]) {
        skip(while: \.isWhitespace)
        let text = skip(while: Self.nameCharacters.contains)
        skip(while: \.isWhitespace)
        guard read(state.end) else { throw failure("unfinished tag name") }
        guard let open = text.firstIndex(of: "(") else { return (text, []) }
        // `a(b(name))`: transforms a and b, applied innermost first.
        var transforms = [String(text[..<open])]
        var rest = text[text.index(after: open)...]
        while let next = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<next]))
            rest = rest[rest.index(after: next)...]
        }
        let closing = rest.drop { $0 != ")" }
        guard closing.allSatisfy({ $0 == ")" }), closing.count == transforms.count else {
            throw failure("malformed transform in '\(text)'")
        }
        return (String(rest.prefix { $0 != ")" }), transforms)
    }

    private mutating func readPartialName(_ state: State) throws(Failure) -> String {
        skip(while: \.isWhitespace)
        let text = skip(while: Self.partialNameCharacters.contains)
        skip(while: \.isWhitespace)
        guard read(state.end) else { throw failure("unfinished partial name") }
        return text
    }

    // MARK: Parsing

    private mutating func parse(_ entryState: State) throws(Failure) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = entryState
        var whitespaceBefore = ""
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(whitespaceBefore))
                whitespaceBefore = ""
            }
        }
        while !atEnd {
            if state.newLine {
                let whitespace = skip { $0 == " " || $0 == "\t" }
                if state.inParent, !state.parentTopLevel {
                    if let indent = state.parentIndent {
                        whitespaceBefore = String(whitespace.dropFirst(indent.count))
                    } else {
                        state.parentIndent = whitespace
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let text = readText(state)
            if !atEnd, current.isNewline {
                nodes.append(.text(whitespaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }
            var newLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try readName(state)
                if standalone(state) { newLine = true } else { flushWhitespace() }
                let body = try parse(state.inSection(name, newLine: newLine, transforms: transforms))
                nodes.append(.section(TemplateName(name, transforms: transforms), inverted: inverted, body: body))

            case "/":
                position += 1
                let (name, transforms) = try readName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    throw failure("closing tag '\(name)' does not match '\(state.sectionName ?? "")'")
                }
                if !standalone(state) { flushWhitespace() }
                return nodes

            case "!":
                position += 1
                while !atEnd, !read(state.end) { position += 1 }
                newLine = standalone(state)

            case "{", "&":
                let triple = current == "{"
                flushWhitespace()
                position += 1
                let (name, transforms) = try readName(state)
                if triple, !read("}") { throw failure("unfinished tag name") }
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: false))

            case ">":
                position += 1
                skip(while: \.isWhitespace)
                if current == "*" { throw failure("dynamic partials ({{>*name}}) are not supported") }
                let name = try readPartialName(state)
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                if standalone(state) {
                    newLine = true
                    nodes.append(.partial(name, indentation: whitespaceBefore, overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }
                whitespaceBefore = ""

            case "<":
                position += 1
                skip(while: \.isWhitespace)
                let name = try readPartialName(state)
                if name.hasPrefix("*") { throw failure("dynamic parents ({{<*name}}) are not supported") }
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                if standalone(state) { newLine = true }
                var overrides: [String: [TemplateNode]] = [:]
                for node in try parse(state.inParent(name)) {
                    switch node {
                    case .blockOverride(let block, let body): overrides[block] = body
                    case .text: break
                    default: throw failure("only blocks ({{$name}}) may be inside {{<\(name)}}")
                    }
                }
                nodes.append(.partial(name, indentation: whitespaceBefore, overrides: overrides))
                whitespaceBefore = ""

            case "$":
                position += 1
                let (name, transforms) = try readName(state)
                guard transforms.isEmpty else { throw failure("a block cannot have a transform") }
                if state.parentTopLevel {
                    if standalone(state) { newLine = true }
                    nodes.append(.blockOverride(name, body: try parse(state.inSection(name, newLine: newLine))))
                } else {
                    if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                    if standalone(state) { newLine = true }
                    let body = try parse(state.inSection(name, newLine: newLine))
                    nodes.append(.block(name, defaultBody: body, indentation: whitespaceBefore))
                    whitespaceBefore = ""
                }

            case "=":
                position += 1
                state = try readDelimiters(state)
                newLine = standalone(state)

            case "%":
                throw failure("pragmas ({{%…}}) are not supported")

            default:
                flushWhitespace()
                let (name, transforms) = try readName(state)
                nodes.append(.variable(TemplateName(name, transforms: transforms), escaped: true))
            }
            state.newLine = newLine
        }
        guard state.sectionName == nil else { throw failure("'\(state.sectionName!)' is never closed") }
        return nodes
    }

    /// `{{=<% %>=}}`
    private mutating func readDelimiters(_ state: State) throws(Failure) -> State {
        skip(while: \.isWhitespace)
        let start = skip { !$0.isWhitespace }
        skip(while: \.isWhitespace)
        let end = skip { $0 != "=" && !$0.isWhitespace }
        skip(while: \.isWhitespace)
        guard !start.isEmpty, !end.isEmpty, read("="), read(state.end) else {
            throw failure("invalid delimiter change")
        }
        var next = state
        next.start = start
        next.end = end
        next.parentTopLevel = false
        return next
    }
}
