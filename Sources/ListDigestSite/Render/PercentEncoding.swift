/// Percent-encoding over UTF-8 bytes, with upper-case hex as Foundation's `addingPercentEncoding`
/// writes it, for the URL parts a page builds: every series page links a search, and building a
/// `CharacterSet` and encoding through it was a hundredth of a build.
enum PercentEncoding {
    /// What a query value may hold as it is: Foundation's `urlQueryAllowed` without the characters
    /// that end or change a query value (`& + = ? #`) and the quotes that end an attribute.
    static let queryValue = AllowedBytes("!$()*,-./:;@_~")
    /// Foundation's `urlPathAllowed`.
    static let path = AllowedBytes("!$&'()*+,-./:=@_~")

    /// ASCII letters and digits, and the punctuation given.
    struct AllowedBytes: Sendable {
        private let allowed: [Bool]

        init(_ punctuation: String) {
            var allowed = [Bool](repeating: false, count: 256)
            for byte in punctuation.utf8 { allowed[Int(byte)] = true }
            for range in [
                UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
            ] {
                for byte in range { allowed[Int(byte)] = true }
            }
            self.allowed = allowed
        }

        func contains(_ byte: UInt8) -> Bool { allowed[Int(byte)] }
    }

    static func encode(_ text: String, allowing allowed: AllowedBytes) -> String {
        encode(text.utf8, allowing: allowed)
    }

    static func encode(_ bytes: some Sequence<UInt8>, allowing allowed: AllowedBytes) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(bytes.underestimatedCount * 3)
        for byte in bytes {
            if allowed.contains(byte) {
                encoded.append(byte)
            } else {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
