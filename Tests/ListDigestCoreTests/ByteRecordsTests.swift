import Testing

@testable import ListDigestCore

@Suite struct ByteRecordsTests {
    /// Records are what the separator ends, as `split(separator:omittingEmptySubsequences: false)`
    /// gives them but for an empty last one; within a range, only its bytes count.
    @Test func recordsAreWhatTheSeparatorEnds() {
        func records(_ text: String, in range: Range<Int>? = nil) -> [String] {
            Array(text.utf8).withUnsafeBytes { bytes in
                bytes.records(separatedBy: UInt8(ascii: "\n"), in: range).map {
                    String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self)
                }
            }
        }
        #expect(records("") == [])
        #expect(records("a\nbc\n") == ["a", "bc"])
        #expect(records("a\n\nbc") == ["a", "", "bc"])
        #expect(records("\n") == [""])
        #expect(records("a\nbc\nd\n", in: 2..<6) == ["bc", "d"])
        #expect(records("a\nbc\nd\n", in: 2..<4) == ["bc"])
        #expect(Array([UInt8]([1, 0, 2, 3, 0])).withUnsafeBytes { $0.records(separatedBy: 0).map(\.count) } == [1, 2])
    }
}

@Suite struct IncludesTests {
    /// Found wherever the bytes are, as the UTF-8 view's search finds them, on random texts made
    /// of near misses.
    @Test func findsTheBytesWhereverTheyAre() {
        var generator = SeededRandom(seed: 11)
        let pieces = ["t", "ta", "tak", "take", "ake", "e", " ", "é", "#", "takE"]
        for _ in 0..<2_000 {
            let text = (0..<generator.below(8)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let found = text.includes("take")
            #expect(found == (text.utf8.firstRange(of: "take".utf8) != nil), "\(text)")
            #expect(text.dropFirst().includes("take") == (text.dropFirst().utf8.firstRange(of: "take".utf8) != nil))
        }
        #expect("".includes(""))
        #expect(!"".includes("a"))
    }
}
