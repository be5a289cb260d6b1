import Foundation

/// Parsed reports as compact bytes and back, for `ParsedReportCache`. Decoding goes through
/// the model's own initialisers, so a field added to the model cannot be dropped silently:
/// the decoder stops compiling until it reads the field too.
///
/// The texts a report repeats (subject lines, senders' names and addresses) are written once,
/// in a table before the report, and referred to by number: decoded, each is one string every
/// message shares. Decoding every message's own copies was the largest part of the fresh
/// memory a rebuild touches.
enum ParsedReportCodec {
    static func encode(_ parsed: ParsedReport, into output: inout ByteWriter) {
        var texts = Numbering<String>()
        var writer = ByteWriter()
        encode(parsed, into: &writer, texts: &texts)
        output.write(texts.count)
        for text in texts.values { output.write(text) }
        output.append(writer.bytes)
    }

    private static func encode(_ parsed: ParsedReport, into writer: inout ByteWriter, texts: inout Numbering<String>) {
        writer.write(parsed.diagnostics.count)
        for diagnostic in parsed.diagnostics {
            writer.write(diagnostic.severity == .error)
            writer.write(diagnostic.file)
            writer.write(diagnostic.line)
            writer.write(diagnostic.message)
        }
        guard let report = parsed.report else { return writer.write(false) }
        writer.write(true)
        writer.write(report.week.year)
        writer.write(report.week.week)
        writer.write(report.listName)
        writer.write(report.path)
        writer.writeOptional(report.generatedAt) { $0.write($1) }
        writer.writeOptional(report.period) { $0.write($1) }
        for count in [report.declaredEmails, report.declaredThreads, report.declaredLargeThreads] {
            writer.writeOptional(count) { $0.write($1) }
        }
        writer.write(report.categories.count)
        for category in report.categories {
            writer.write(category.name)
            writer.write(category.declaredThreads)
            writer.write(category.declaredEmails)
            writer.write(category.line)
        }
        writer.write(report.threads.count)
        for thread in report.threads {
            writer.write(thread.number)
            writer.write(thread.category)
            writer.write(Int(texts.number(thread.subjectLine).number))
            // Parsed again, the subjects were a third of decoding.
            writer.write(thread.subject)
            writer.write(thread.declaredEmails)
            writer.writeOptional(thread.declaredParticipants) { $0.write($1) }
            writer.writeOptional(thread.startedAt) { writer, time in
                writer.write(time.local)
                writer.write(time.utcOffsetMinutes)
            }
            writer.write(thread.summaryMarkdown)
            writer.write(thread.line)
            writer.write(thread.messages.count)
            for message in thread.messages {
                writer.write(message.sentAt)
                writer.write(Int(texts.number(message.subjectLine).number))
                writer.write(Int(texts.number(message.sender.name).number))
                writer.write(Int(texts.number(message.sender.address).number))
                writer.write(message.line)
            }
        }
    }

    /// `moved`: the file was parsed under another path (the reports folder was moved or named
    /// differently): that path, wherever it appears, becomes the new one.
    static func decode(
        from reader: inout ByteReader, moved: (from: String, to: String)? = nil
    ) throws(ByteReader.Malformed) -> ParsedReport {
        func path(_ stored: String) -> String {
            guard let moved, stored == moved.from else { return stored }
            return moved.to
        }
        var texts: [String] = []
        let textCount = try reader.count()
        texts.reserveCapacity(textCount)
        for _ in 0..<textCount { texts.append(try reader.string()) }
        func text() throws(ByteReader.Malformed) -> String {
            let number = try reader.int()
            guard texts.indices.contains(number) else { throw .init() }
            return texts[number]
        }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<(try reader.count()) {
            let severity: Diagnostic.Severity = try reader.bool() ? .error : .warning
            diagnostics.append(
                Diagnostic(severity, file: path(try reader.string()), line: try reader.int(), try reader.string()))
        }
        guard try reader.bool() else { return ParsedReport(report: nil, diagnostics: diagnostics) }
        guard let week = ISOWeek(year: try reader.int(), week: try reader.int()) else { throw .init() }
        let listName = try reader.string()
        let reportPath = path(try reader.string())
        let generatedAt = try reader.optional { reader throws(ByteReader.Malformed) in try reader.localDateTime() }
        let period = try reader.optional { reader throws(ByteReader.Malformed) in try reader.string() }
        let declaredEmails = try reader.optional { reader throws(ByteReader.Malformed) in try reader.int() }
        let declaredThreads = try reader.optional { reader throws(ByteReader.Malformed) in try reader.int() }
        let declaredLargeThreads = try reader.optional { reader throws(ByteReader.Malformed) in try reader.int() }
        var categories: [CategoryCount] = []
        for _ in 0..<(try reader.count()) {
            categories.append(
                CategoryCount(
                    name: try reader.string(), declaredThreads: try reader.int(), declaredEmails: try reader.int(),
                    line: try reader.int()))
        }
        // Lists are made at their size: grown, they were copied into fresh memory again.
        let threadCount = try reader.count()
        var threads: [ReportThread] = []
        threads.reserveCapacity(threadCount)
        for _ in 0..<threadCount {
            let number = try reader.int()
            let category = try reader.string()
            let subjectLine = try text()
            let subject = try reader.subject()
            let declaredEmails = try reader.int()
            let declaredParticipants = try reader.optional { reader throws(ByteReader.Malformed) in try reader.int() }
            let startedAt = try reader.optional { reader throws(ByteReader.Malformed) in
                ZonedDateTime(local: try reader.localDateTime(), utcOffsetMinutes: try reader.int())
            }
            // Left as bytes of the cache: most summaries are never read again (see `StoredText`).
            let summary = try reader.storedText()
            let line = try reader.int()
            let messageCount = try reader.count()
            var messages: [Message] = []
            messages.reserveCapacity(messageCount)
            for _ in 0..<messageCount {
                messages.append(
                    Message(
                        sentAt: try reader.localDateTime(), subjectLine: try text(),
                        sender: Sender(name: try text(), address: try text()), line: try reader.int())
                )
            }
            threads.append(
                ReportThread(
                    number: number, category: category, subjectLine: subjectLine, subject: subject,
                    declaredEmails: declaredEmails, declaredParticipants: declaredParticipants, startedAt: startedAt,
                    summary: summary, messages: messages, line: line))
        }
        let report = WeeklyReport(
            week: week, listName: listName, path: reportPath, generatedAt: generatedAt, period: period,
            declaredEmails: declaredEmails, declaredThreads: declaredThreads,
            declaredLargeThreads: declaredLargeThreads, categories: categories, threads: threads)
        return ParsedReport(report: report, diagnostics: diagnostics)
    }
}

/// Appends integers (LEB128, zig-zag), texts and flags to a byte buffer.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: Int) {
        var rest = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ flag: Bool) { bytes.append(flag ? 1 : 0) }

    /// Empties the buffer, keeping its room.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Bytes as they are, with no length before them.
    mutating func append(_ raw: some Collection<UInt8>) { bytes.append(contentsOf: raw) }

    mutating func write(_ text: String) {
        write(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }

    /// As the one number it is held as: read back as six fields, the times were a fifth of the
    /// numbers a report's entry is read from.
    mutating func write(_ time: LocalDateTime) {
        write(time.packedValue)
    }

    mutating func writeOptional<Value>(_ value: Value?, _ write: (inout ByteWriter, Value) -> Void) {
        self.write(value != nil)
        if let value { write(&self, value) }
    }
}

/// Reads what `ByteWriter` wrote; anything out of place throws `Malformed`.
struct ByteReader {
    struct Malformed: Error {}

    /// Kept alive by the reader: `buffer` points into it.
    private let storage: SharedBytes
    private let buffer: UnsafeRawBufferPointer
    private let end: Int
    /// An offset into the shared bytes (not into the slice read).
    private(set) var position: Int

    init(_ slice: ByteSlice) {
        storage = slice.storage
        buffer = slice.storage.buffer
        end = slice.range.upperBound
        position = slice.range.lowerBound
    }

    init(_ bytes: [UInt8]) { self.init(ByteSlice(SharedBytes(copying: bytes))) }

    var isAtEnd: Bool { position == end }

    private var remaining: Int { end - position }

    mutating func byte() throws(Malformed) -> UInt8 {
        guard position < end else { throw Malformed() }
        defer { position += 1 }
        return buffer[position]
    }

    mutating func int() throws(Malformed) -> Int {
        // Most numbers (counts, text numbers, parts of dates) fit one byte.
        if position < end, case let byte = buffer[position], byte < 0x80 {
            position += 1
            return Int(byte >> 1) ^ -Int(byte & 1)
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw Malformed() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        // Zig-zag undone on the unsigned value: a signed shift would bring the sign bit down.
        return Int(Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
    }

    /// A count of things to read: never negative, never more than the bytes left.
    mutating func count() throws(Malformed) -> Int {
        let count = try int()
        guard count >= 0, count <= remaining else { throw Malformed() }
        return count
    }

    mutating func uint64() throws(Malformed) -> UInt64 {
        guard remaining >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(buffer[position + index]) << (8 * UInt64(index)) }
        position += 8
        return value
    }

    mutating func bool() throws(Malformed) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw Malformed()
        }
    }

    /// `length` bytes as they are, sharing the buffer.
    mutating func bytes(_ length: Int) throws(Malformed) -> ByteSlice {
        guard length >= 0, length <= remaining else { throw Malformed() }
        defer { position += length }
        return ByteSlice(storage, position..<position + length)
    }

    /// The bytes from `start` to where the reader is.
    func bytes(from start: Int) -> ByteSlice { ByteSlice(storage, start..<position) }

    mutating func string() throws(Malformed) -> String {
        let length = try count()
        defer { position += length }
        return withExtendedLifetime(storage) {
            String(decoding: UnsafeRawBufferPointer(rebasing: buffer[position..<position + length]), as: UTF8.self)
        }
    }

    /// Whether the text written here is `text`, read without making a string of it.
    mutating func matches(_ text: String) throws(Malformed) -> Bool {
        let length = try count()
        defer { position += length }
        var text = text
        return withExtendedLifetime(storage) {
            text.withUTF8 { utf8 in
                utf8.count == length
                    && (length == 0 || memcmp(utf8.baseAddress!, buffer.baseAddress! + position, length) == 0)
            }
        }
    }

    /// A text left as bytes of the buffer until it is read (see `StoredText`).
    mutating func storedText() throws(Malformed) -> StoredText {
        StoredText(utf8: try bytes(try count()))
    }

    mutating func localDateTime() throws(Malformed) -> LocalDateTime {
        guard let time = LocalDateTime(packedValue: try int()) else { throw Malformed() }
        return time
    }

    mutating func optional<Value>(_ read: (inout ByteReader) throws(Malformed) -> Value) throws(Malformed) -> Value? {
        try bool() ? try read(&self) : nil
    }

    /// A count, then that many values read by `read`, in a list made at its size.
    mutating func list<Value>(_ read: (inout ByteReader) throws(Malformed) -> Value) throws(Malformed) -> [Value] {
        let count = try count()
        guard count > 0 else { return [] }
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }
}
