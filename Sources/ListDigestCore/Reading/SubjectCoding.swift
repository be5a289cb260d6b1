/// A parsed subject as the caches keep it: its flags and numbers (what linking reads of most
/// lines, so the subject cache puts them first), then its tags and title.
struct SubjectNumbers {
    struct Flags {
        let bits: Int
        func flag(_ bit: Int) -> Bool { bits & (1 << bit) != 0 }
        var isReply: Bool { flag(0) }
        var isRFC: Bool { flag(1) }
        var isResend: Bool { flag(2) }
        var isPatch: Bool { flag(3) }
        var isPull: Bool { flag(4) }
        var versionWasWritten: Bool { flag(5) }
    }

    let flags: Flags
    let version: Int
    let minorVersion: Int?
    let part: Int?
    let total: Int?
}

extension Subject {
    init(_ numbers: SubjectNumbers, tags: [String], title: String) {
        let flags = numbers.flags
        self.init(
            isReply: flags.isReply, isRFC: flags.isRFC, isResend: flags.isResend, isPatch: flags.isPatch,
            isPull: flags.isPull, tags: tags, version: numbers.version, minorVersion: numbers.minorVersion,
            versionWasWritten: flags.versionWasWritten, part: numbers.part, total: numbers.total, title: title)
    }
}

extension ByteWriter {
    mutating func write(_ subject: Subject) {
        writeNumbers(of: subject)
        write(subject.tags)
        write(subject.title)
    }

    mutating func writeNumbers(of subject: Subject) {
        let flags = [
            subject.isReply, subject.isRFC, subject.isResend, subject.isPatch, subject.isPull,
            subject.versionWasWritten,
        ]
        write(flags.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) })
        write(subject.version)
        for number in [subject.minorVersion, subject.part, subject.total] {
            writeOptional(number) { $0.write($1) }
        }
    }

    mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }
}

extension ByteReader {
    mutating func subject() throws(Malformed) -> Subject {
        Subject(try subjectNumbers(), tags: try strings(), title: try string())
    }

    mutating func subjectNumbers() throws(Malformed) -> SubjectNumbers {
        SubjectNumbers(
            flags: SubjectNumbers.Flags(bits: try int()), version: try int(), minorVersion: try optionalInt(),
            part: try optionalInt(), total: try optionalInt())
    }

    mutating func optionalInt() throws(Malformed) -> Int? {
        try bool() ? try int() : nil
    }

    mutating func strings() throws(Malformed) -> [String] {
        try list { reader throws(Malformed) in try reader.string() }
    }
}
