import Testing

@testable import ListDigestCore

@Suite struct StableHasherTests {
    /// XXH64 with seed 0, as Python's `xxhash.xxh64(data).intdigest()` gives it.
    static let vectors: [([UInt8], UInt64)] = [
        ([], 0xEF46_DB37_51D8_E999),
        (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B),
        (Array("abc".utf8), 0x44BC_2CF5_AD77_0999),
        (Array(0..<31), 0xC346_D2B5_9B4D_8EE1),
        (Array(0..<32), 0xCBF5_9C51_16FF_32B4),
        (Array(0..<33), 0x0C53_5D1A_CAFB_8EAD),
        (Array(0...255) + Array(0...255) + Array(0...255) + Array("xyz".utf8), 0xE921_A1B4_5BD7_79F8),
        (Array("Marc Zyngier 中文".utf8), 0x957E_919C_EDB8_AD50),
    ]

    @Test func isXXH64() {
        for (bytes, expected) in Self.vectors {
            var hasher = StableHasher()
            hasher.combine(bytes: bytes)
            #expect(hasher.value == expected, "\(bytes.count) bytes")
        }
    }

    /// Fed in pieces of any size, by any of its entry points, it hashes the same bytes the same.
    @Test func piecesHashAsTheWhole() {
        let (bytes, expected) = Self.vectors[6]
        for piece in [1, 3, 7, 8, 31, 32, 33, 100] {
            var hasher = StableHasher()
            for start in stride(from: 0, to: bytes.count, by: piece) {
                let slice = bytes[start..<min(start + piece, bytes.count)]
                switch piece % 3 {
                case 0: slice.withUnsafeBytes { hasher.combine(raw: $0) }
                case 1: hasher.combine(bytes: slice)
                default: for byte in slice { hasher.combine(byte: byte) }
                }
            }
            #expect(hasher.value == expected, "pieces of \(piece)")
        }
        // A sequence without contiguous storage goes byte by byte.
        var hasher = StableHasher()
        hasher.combine(bytes: bytes.lazy.map { $0 })
        #expect(hasher.value == expected)
    }

    /// Numbers hash as their eight little-endian bytes wherever they fall among other pieces
    /// (whole words stored straight, others copied): as the same bytes fed at once.
    @Test func numbersHashAsTheirLittleEndianBytes() {
        var generator = SeededRandom(seed: 12)
        for _ in 0..<500 {
            var hasher = StableHasher()
            var bytes: [UInt8] = []
            for _ in 0..<generator.below(20) {
                switch generator.below(4) {
                case 0:
                    let number = Int(bitPattern: UInt(generator.below(1 << 30)) &* 0x9E37_79B9_7F4A_7C15)
                    hasher.combine(number)
                    withUnsafeBytes(of: Int64(number).littleEndian) { bytes += $0 }
                case 1:
                    let value = UInt64(generator.below(1 << 30)) &* 0xC2B2_AE3D_27D4_EB4F
                    hasher.combine(value)
                    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
                case 2:
                    let byte = UInt8(generator.below(256))
                    hasher.combine(byte: byte)
                    bytes.append(byte)
                default:
                    let text = String(repeating: "é", count: generator.below(5))
                    hasher.combine(text)
                    bytes += Array(text.utf8) + [0xFF]
                }
            }
            var whole = StableHasher()
            whole.combine(bytes: bytes)
            #expect(hasher.value == whole.value, "\(bytes.count) bytes")
        }
    }

    /// Slug suffixes are part of URLs: they are FNV-1a, as they always were.
    /// Sixteen lower-case digits, leading zeros kept: what keys and fingerprints are written as.
    @Test(arguments: [0, 1, 9, 10, 15, 16, 0xabc, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, UInt64.max])
    func hexHasSixteenDigits(value: UInt64) {
        let expected = String(repeating: "0", count: 16 - String(value, radix: 16).count) + String(value, radix: 16)
        #expect(hexDigits(value) == expected)
        #expect(hexDigits(value).utf8.count == 16)
    }

    /// The short hex is the hex's first 15 digits, short enough for a string to hold in itself.
    @Test func shortHexIsTheHexWithoutItsLastDigit() {
        var generator = SeededRandom(seed: 14)
        for _ in 0..<200 {
            var hasher = StableHasher()
            hasher.combine(generator.below(1_000_000))
            #expect(hasher.shortHex == String(hasher.hex.prefix(15)))
            #expect(hasher.shortHex.utf8.count == 15)
        }
    }

    @Test func slugSuffixesNeverChange() {
        #expect(stableHash("gavin.deacon5@huawei.com") == "83f9a6c2")
        #expect(stableHash("Marc Zyngier 中文") == "e45cfe83")
        #expect(stableHash("[PATCH v2] KVM: arm64: Fix\nsecond") == "83fba163")
    }
}
