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
