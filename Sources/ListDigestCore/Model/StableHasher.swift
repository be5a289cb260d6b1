/// FNV-1a, 64 bits: a hash that is the same in every run and on every machine (unlike
/// `Hasher`), for cache keys, fingerprints and short slug suffixes.
public struct StableHasher: Sendable {
    @usableFromInline var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Inlinable, so callers in other modules get a loop specialised for their bytes: a generic
    /// call per byte made hashing a 28 MB archive take a tenth of a second.
    @inlinable
    public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01b3
        }
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: $0) }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        combine(bytes: [0xFF])
    }

    public mutating func combine(_ number: Int) {
        withUnsafeBytes(of: number.littleEndian) { combine(bytes: $0) }
    }

    /// Another hash's value.
    public mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { combine(bytes: $0) }
    }

    public var value: UInt64 { state }

    /// 16 hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
