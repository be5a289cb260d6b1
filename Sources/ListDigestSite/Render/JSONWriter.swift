import Foundation

/// A data file that writes itself with `JSONWriter`. It stays `Encodable` so that tests can hold
/// its bytes equal to what `JSONEncoder` makes of it with the same settings.
protocol JSONDataFile: Encodable {
    func write(to json: inout JSONWriter)
}

/// Writes JSON exactly as Foundation's `JSONEncoder` does with `.sortedKeys` and
/// `.withoutEscapingSlashes` (and `.prettyPrinted` when `pretty`), straight into bytes. The data
/// files list every week, series and person; JSONEncoder's boxing of each value took most of
/// the time spent on them. Callers give an object's keys in byte order, as `.sortedKeys` does.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var depth = 0
    /// Whether the open container already holds a value.
    private var hasValue = false
    /// A key was just written: the next value is its value, not a new element.
    private var afterKey = false
    /// Where the bytes go once `spillSize` of them are written, when not kept whole.
    private let file: StreamedFile?
    private static let spillSize = 1 << 17
    /// Bytes handed to `file` so far.
    private var spilled = 0

    /// Where the next byte goes, from the start of the output.
    var position: Int { spilled + bytes.count }

    init(pretty: Bool, capacity: Int = 0) {
        self.pretty = pretty
        file = nil
        bytes.reserveCapacity(capacity)
    }

    /// Writes into `file` as it goes, through one buffer.
    init(pretty: Bool, streamingTo file: StreamedFile) {
        self.pretty = pretty
        self.file = file
        bytes.reserveCapacity(Self.spillSize + Self.spillSize / 4)
    }

    /// The bytes written, and a final newline. Not copied into `Data`: the data files are
    /// megabytes, and a copy touched as much fresh memory again.
    consuming func finished() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Ends a file written with `init(pretty:streamingTo:)`: the rest and a final newline
    /// written, the file closed. The digest of its bytes.
    consuming func finishFile() throws -> String {
        guard let file else { preconditionFailure("finishFile() ends a writer streaming into a file") }
        bytes.append(UInt8(ascii: "\n"))
        file.write(bytes)
        return try file.finish()
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    mutating func array<Items: Sequence>(_ items: Items, _ write: (inout JSONWriter, Items.Element) -> Void) {
        array { json in
            for item in items { write(&json, item) }
        }
    }

    mutating func array(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    mutating func array(_ numbers: [Int]) {
        array(numbers) { $0.int($1) }
    }

    /// An element of the open array written by `body`, and where its bytes are (after the
    /// separator and indentation before it, which depend on its place).
    mutating func element(_ body: (inout JSONWriter) -> Void) -> Range<Int> {
        startValue()
        let start = position
        // Its place is made: the value `body` writes adds no separator of its own.
        afterKey = true
        body(&self)
        return start..<position
    }

    /// An element of the open array as `element` wrote it once, bytes and all.
    mutating func element(copying written: UnsafeRawBufferPointer) -> Range<Int> {
        startValue()
        let start = position
        bytes.append(contentsOf: written)
        return start..<position
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    /// The next member of the open object; its value follows.
    mutating func key(_ name: StaticString) {
        startValue()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        if pretty {
            bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: ":"), UInt8(ascii: " ")])
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        afterKey = true
    }

    /// A member of the open object; an absent optional writes nothing, as `encodeIfPresent` does.
    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        int(value)
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func field(_ name: StaticString, _ value: [String]) {
        key(name)
        array(value)
    }

    mutating func field(_ name: StaticString, _ value: [Int]) {
        key(name)
        array(value)
    }

    mutating func string(_ text: String) {
        startValue()
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var clean = utf8.startIndex
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<index]))
                appendEscaped(byte)
                clean = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) {
        startValue()
        bytes.appendDecimal(value)
    }

    mutating func bool(_ value: Bool) {
        startValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) -> Void) {
        startValue()
        bytes.append(open)
        depth += 1
        hasValue = false
        body(&self)
        depth -= 1
        if pretty {
            // JSONEncoder leaves an empty line inside an empty container.
            bytes.append(UInt8(ascii: "\n"))
            if !hasValue { bytes.append(UInt8(ascii: "\n")) }
            indent()
        }
        bytes.append(close)
        hasValue = true
    }

    /// The separator and indentation before a value, unless it is a key's value.
    private mutating func startValue() {
        // The size first: the file, a class, is looked at (and retained) only when spilling.
        if bytes.count >= Self.spillSize, let file {
            file.write(bytes)
            spilled += bytes.count
            bytes.removeAll(keepingCapacity: true)
        }
        if afterKey {
            afterKey = false
            return
        }
        guard depth > 0 else { return }
        if hasValue { bytes.append(UInt8(ascii: ",")) }
        hasValue = true
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            indent()
        }
    }

    private mutating func indent() {
        let width = 2 * depth
        if width <= Self.spaces.count {
            bytes.append(contentsOf: Self.spaces[..<width])
        } else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width))
        }
    }

    /// What indentation is cut from: copied as a block, not space by space.
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 32)

    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
    }
}
