import Testing

@testable import ListDigestSite

@Suite struct UTF8BytesTests {
    /// Numbers are written as `String` writes them: decimal with its sign, hex in lower case
    /// without leading zeros.
    @Test func numbersAreWrittenAsStringWritesThem() {
        let integers = [0, 1, -1, 9, 10, 99, 100, 12_345, -98_765, Int.max, Int.min] + (0..<200).map { $0 * 7919 }
        for value in integers {
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            bytes.appendDecimal(value)
            #expect(bytes == Array(("x" + String(value)).utf8))
        }
        let unsigned: [UInt64] = [0, 1, 9, 10, 15, 16, 255, 4096, 0xdead_beef, UInt64.max, UInt64.max - 1]
        for value in unsigned + (0..<200).map({ UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }) {
            var bytes: [UInt8] = []
            bytes.appendHex(value)
            #expect(bytes == Array(String(value, radix: 16).utf8))
        }
    }
}
